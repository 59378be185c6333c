using Meridian.Core.Configuration;
using Meridian.Core.Security;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Tests.Security;

internal static class GuardFactory
{
    public static IOptions<MeridianOptions> Options(bool allowPrivateTargets = false) =>
        Microsoft.Extensions.Options.Options.Create(new MeridianOptions
        {
            CallbackBaseUrl = new Uri("https://meridian.example/"),
            AllowPrivateTargets = allowPrivateTargets,
        });

    public static TargetGuard Create(IHostResolver resolver, bool allowPrivateTargets = false) =>
        new(resolver, Options(allowPrivateTargets));
}
