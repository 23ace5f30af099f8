using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Adapters;

/// <summary>
/// A user-token client that every turn of one app identity shares (<see cref="ClientReusingBotFrameworkAuthentication"/>).
/// The SDK's client holds only the app id, its credentials and an HTTP client; every call names its user. The adapter
/// disposes the turn's client when the turn ends: this wrapper ignores that (the cache owns the inner client).
/// </summary>
public sealed class SharedUserTokenClient(UserTokenClient inner) : UserTokenClient
{
    internal UserTokenClient Inner => inner;

    public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode,
        CancellationToken cancellationToken) =>
        inner.GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

    public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect,
        CancellationToken cancellationToken) =>
        inner.GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

    public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
        inner.SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

    public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter,
        CancellationToken cancellationToken) =>
        inner.GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

    public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls,
        string channelId, CancellationToken cancellationToken) =>
        inner.GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

    public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId,
        TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
        inner.ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

    /// <summary>Does nothing: the end of one turn must not close the client the next turns use.</summary>
    protected override void Dispose(bool disposing)
    {
    }
}
