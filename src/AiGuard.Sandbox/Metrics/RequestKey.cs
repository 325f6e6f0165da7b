namespace AiGuard.Sandbox.Metrics;

/// <summary>The labels of one request counter: verb, resource plural, subresource ("" for the main resource) and HTTP code.</summary>
public readonly record struct RequestKey(string Verb, string Resource, string Subresource, int Code);
