using System.Text.Json.Serialization;

namespace Meridian.Contract.Delivery;

/// <summary>How a region's result reached the app: by callback, or as the fallback blob read at the deadline.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResultDelivery>))]
public enum ResultDelivery
{
    Callback,
    Fallback,
}
