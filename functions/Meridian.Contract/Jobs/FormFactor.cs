using System.Text.Json.Serialization;

namespace Meridian.Contract.Jobs;

/// <summary>The device Lighthouse emulates: mobile (its default, throttled) or desktop.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FormFactor>))]
public enum FormFactor
{
    Mobile,
    Desktop,
}
