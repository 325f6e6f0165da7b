namespace AiGuard.Cli.Audit;

/// <summary>LoadedObject is a typed object read from the inputs together with where it came from.</summary>
public sealed record LoadedObject<T>(T Object, ManifestOrigin Origin);
