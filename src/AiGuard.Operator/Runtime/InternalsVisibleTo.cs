using System.Runtime.CompilerServices;

// The store's write side is internal (only an informer may change it); its tests drive it directly.
[assembly: InternalsVisibleTo("AiGuard.Operator.Tests")]
