using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Resources;

/// <summary>
/// Converts objects between the version a client speaks and the version a shared store keeps, as the real server
/// converts through its internal type. Used when two APIs serve one store (core/v1 and events.k8s.io/v1 Events).
/// Both directions get a private copy and return a new object; neither may fail on fields it does not know.
/// </summary>
internal abstract class StorageConversion
{
    /// <summary>The object as this API version shows it, from its stored form.</summary>
    public abstract JsonObject FromStorage(JsonObject stored);

    /// <summary>The stored form of an object written through this API version.</summary>
    public abstract JsonObject ToStorage(JsonObject served);
}
