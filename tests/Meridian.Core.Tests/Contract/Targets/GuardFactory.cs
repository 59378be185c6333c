using Meridian.Contract.Targets;
using Meridian.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Tests.Contract.Targets;

internal static class GuardFactory
{
    public static TargetGuardOptions Options(bool allowPrivateTargets = false) =>
        new() { AllowPrivateTargets = allowPrivateTargets };

    public static TargetGuard Create(IHostResolver resolver, bool allowPrivateTargets = false) =>
        new(resolver, Options(allowPrivateTargets));
}
