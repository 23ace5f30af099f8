namespace ActionMonth.Bot.Hosting;

/// <summary>Wraps an already registered service in a decorator, keeping its lifetime: how observability and hardening
/// add themselves around the bot, its stores and its search without those knowing.</summary>
public static class ServiceDecoration
{
    /// <summary>Replaces the last registration of <typeparamref name="TService"/> with <paramref name="decorate"/> around
    /// it. Returns false (and changes nothing) when the service is not registered.</summary>
    public static bool TryDecorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(TService) && !d.IsKeyedService);
        if (inner is null) return false;
        var index = services.IndexOf(inner);
        services[index] = ServiceDescriptor.Describe(typeof(TService), sp => decorate(sp, (TService)Create(sp, inner)), inner.Lifetime);
        return true;
    }

    /// <summary>As <see cref="TryDecorate{TService}"/>, but the service must be there.</summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class =>
        services.TryDecorate(decorate)
            ? services
            : throw new InvalidOperationException($"{typeof(TService).Name} must be registered before it can be decorated.");

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
