using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Safety;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ActionMonth.Bot.Endpoints;

/// <summary>
/// The operator API (interfaces.md), behind <see cref="OperatorApiKeyFilter"/>:
/// <list type="bullet">
/// <item><c>GET /api/cases?status=open|all&amp;limit=50</c>: cases, newest first, without any text.</item>
/// <item><c>GET /api/cases/{id}</c>: one case with its audit trail; with <c>?includeText=true&amp;operatorId=…</c>
/// also the excerpt and the messages (that read is audited).</item>
/// <item><c>POST /api/cases/{id}/claim</c> <c>{operatorId}</c>, <c>POST /api/cases/{id}/messages</c>
/// <c>{operatorId, text}</c> (202: queued for the user; with an <c>Idempotency-Key</c> header a retry answers 202
/// <c>replayed</c> and sends nothing, the same key with another text 409 <c>idempotencyKeyReused</c>),
/// <c>POST /api/cases/{id}/close</c> <c>{operatorId}</c>.</item>
/// </list>
/// Actions answer <c>{caseId, result, status}</c>: 200/202 done, 404 notFound, 409 alreadyClaimedByAnother,
/// alreadyClosed or notClaimed, 400 for a missing operatorId or text.
/// </summary>
public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").AddEndpointFilter<OperatorApiKeyFilter>().DisableAntiforgery();
        cases.MapGet("/", ListAsync);
        cases.MapGet("/{caseId}", GetAsync);
        cases.MapPost("/{caseId}/claim", (string caseId, OperatorRequest? body, IEscalationOperations operations, ICaseStore store,
                CancellationToken cancellationToken) =>
            ActAsync(caseId, body?.OperatorId, store, (id, op) => operations.ClaimAsync(id, op, cancellationToken), queued: false, cancellationToken));
        cases.MapPost("/{caseId}/messages", (string caseId, OperatorMessageRequest? body, [FromHeader(Name = "Idempotency-Key")] string? key,
                IEscalationOperations operations, ICaseStore store, CancellationToken cancellationToken) =>
            IdempotencyKeyProblem(key) is { } problem
                ? Task.FromResult<Results<Ok<CaseActionResponse>, Accepted<CaseActionResponse>, NotFound<CaseActionResponse>, Conflict<CaseActionResponse>,
                    BadRequest<ApiError>>>(TypedResults.BadRequest(problem))
                : ActAsync(caseId, body?.OperatorId, store,
                    (id, op) => operations.SendToUserAsync(id, op, body?.Text ?? string.Empty, key, cancellationToken), queued: true, cancellationToken));
        cases.MapPost("/{caseId}/close", (string caseId, OperatorRequest? body, IEscalationOperations operations, ICaseStore store,
                CancellationToken cancellationToken) =>
            ActAsync(caseId, body?.OperatorId, store, (id, op) => operations.CloseAsync(id, op, cancellationToken), queued: false, cancellationToken));
        return app;
    }

    private static async Task<Results<Ok<CaseListResponse>, BadRequest<ApiError>>> ListAsync(string? status, int? limit, ICaseStore store,
        CancellationToken cancellationToken)
    {
        var openOnly = status is null || status.Equals("open", StringComparison.OrdinalIgnoreCase);
        if (!openOnly && !status!.Equals("all", StringComparison.OrdinalIgnoreCase))
            return TypedResults.BadRequest(new ApiError("bad_status", "status must be 'open' or 'all'."));
        var count = limit ?? 50;
        if (count is < 1 or > 1000) return TypedResults.BadRequest(new ApiError("bad_limit", "limit must be between 1 and 1000."));
        var list = await store.ListAsync(openOnly, count, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CaseListResponse(list.Select(CaseSummary.From).ToList()));
    }

    private static async Task<Results<Ok<CaseDetail>, NotFound<ApiError>, BadRequest<ApiError>>> GetAsync(string caseId, bool? includeText,
        string? operatorId, ICaseStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var withText = includeText == true;
        if (withText && string.IsNullOrWhiteSpace(operatorId))
            return TypedResults.BadRequest(new ApiError("operator_required", "Reading a case's text needs an operatorId (it is audited)."));
        var found = await store.GetAsync(caseId, withText, cancellationToken).ConfigureAwait(false);
        if (found is null) return TypedResults.NotFound(new ApiError("not_found", "No such case."));

        IReadOnlyList<CaseMessageResponse>? messages = null;
        if (withText)
        {
            await store.AuditAsync(caseId, operatorId!, "read-text", "done", time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            messages = (await store.MessagesAsync(caseId, cancellationToken).ConfigureAwait(false))
                .Select(m => new CaseMessageResponse(m.Direction, m.OperatorId, m.Text, m.CreatedAt)).ToList();
        }
        var audit = await store.AuditTrailAsync(caseId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CaseDetail(CaseSummary.From(found), found.Reporter.ToString().ToLowerInvariant(), found.Cues,
            withText ? found.Excerpt : null, messages,
            audit.Select(a => new AuditResponse(a.At, a.OperatorId, a.Action, a.Result)).ToList()));
    }

    private static async Task<Results<Ok<CaseActionResponse>, Accepted<CaseActionResponse>, NotFound<CaseActionResponse>, Conflict<CaseActionResponse>,
        BadRequest<ApiError>>> ActAsync(string caseId, string? operatorId, ICaseStore store,
        Func<string, string, Task<OperatorActionResult>> action, bool queued, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(operatorId)) return TypedResults.BadRequest(new ApiError("operator_required", "operatorId is required."));
        OperatorActionResult result;
        try
        {
            result = await action(caseId, operatorId).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return TypedResults.BadRequest(new ApiError("bad_request", ex.Message.Split(" (Parameter")[0]));
        }

        var after = await store.GetAsync(caseId, false, cancellationToken).ConfigureAwait(false);
        var response = new CaseActionResponse(caseId, SqlCaseStore.ResultName(result), after is null ? null : StatusName(after.Status));
        return result switch
        {
            OperatorActionResult.Done or OperatorActionResult.Replayed when queued => TypedResults.Accepted((string?)null, response),
            OperatorActionResult.Done => TypedResults.Ok(response),
            OperatorActionResult.NotFound => TypedResults.NotFound(response),
            _ => TypedResults.Conflict(response),
        };
    }

    /// <summary>Longest idempotency key accepted: a UUID is 36 characters; this leaves room for a client's own prefix.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    // An empty header binds as no header: no key.
    private static ApiError? IdempotencyKeyProblem(string? key) =>
        string.IsNullOrEmpty(key) ? null
        : key.Length > MaxIdempotencyKeyLength || key.Any(c => c < ' ' || c > '~')
            ? new ApiError("bad_idempotency_key", $"Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters.")
            : null;

    private static string StatusName(CaseStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Request body of claim and close.</summary>
    public sealed record OperatorRequest(string? OperatorId);

    /// <summary>Request body of a message to the user.</summary>
    public sealed record OperatorMessageRequest(string? OperatorId, string? Text);

    public sealed record ApiError(string Error, string Message);

    public sealed record CaseActionResponse(string CaseId, string Result, string? Status);

    public sealed record CaseListResponse(IReadOnlyList<CaseSummary> Cases);

    public sealed record CaseSummary(
        string CaseId, string Level, string Category, string Channel, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        DateTimeOffset? NotifiedAt, string? ClaimedBy, DateTimeOffset? ClaimedAt, string? ClosedBy, DateTimeOffset? ClosedAt,
        DateTimeOffset? ClaimTimedOutAt, IReadOnlyList<string> Categories, DateTimeOffset? DeclinedAt, DateTimeOffset LastActivityAt)
    {
        public static CaseSummary From(CaseRecord c) => new(c.CaseId, EscalationEntity.LevelName(c.Level),
            EscalationEntity.CategoryName(c.Category), c.ChannelId, StatusName(c.Status), c.CreatedAt, c.UpdatedAt, c.NotifiedAt, c.ClaimedBy,
            c.ClaimedAt, c.ClosedBy, c.ClosedAt, c.ClaimTimedOutAt, c.Categories.Select(EscalationEntity.CategoryName).ToList(), c.DeclinedAt,
            c.LastActivityAt);
    }

    public sealed record CaseDetail(CaseSummary Case, string Reporter, IReadOnlyList<string> Cues, string? Excerpt,
        IReadOnlyList<CaseMessageResponse>? Messages, IReadOnlyList<AuditResponse> Audit);

    public sealed record CaseMessageResponse(string Direction, string? OperatorId, string? Text, DateTimeOffset CreatedAt);

    public sealed record AuditResponse(DateTimeOffset At, string OperatorId, string Action, string Result);
}
