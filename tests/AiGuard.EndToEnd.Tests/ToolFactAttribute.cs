namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// A fact that needs host tools outside .NET (podman, mmdebstrap, lua5.1): skipped on a developer machine that lacks
/// them, with the apt-get line that installs them, but never skipped under CI=true, where .ci/run installs them and a
/// missing tool must fail the build instead of silently passing it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolFactAttribute : FactAttribute
{
    private readonly bool _requiresRoot;

    public ToolFactAttribute(params string[] tools)
    {
        Tools = tools;
        Skip = HostTools.SkipReason(tools);
    }

    /// <summary>The executables the test runs.</summary>
    public IReadOnlyList<string> Tools { get; }

    /// <summary>When true the test also needs root (mounts, chroot); skipped without it outside CI.</summary>
    public bool RequiresRoot
    {
        get => _requiresRoot;
        init
        {
            _requiresRoot = value;
            if (value && Skip is null && Environment.UserName != "root" && !HostTools.InCi)
            {
                Skip = "needs root (mount namespaces and chroot); runs always under CI=true";
            }
        }
    }
}
