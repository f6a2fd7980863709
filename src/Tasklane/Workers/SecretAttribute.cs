namespace Tasklane;

/// <summary>Marks a settings member as a secret: encrypted at rest, returned as <c>"********"</c>, kept when that mask is sent back.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class SecretAttribute : Attribute
{
}
