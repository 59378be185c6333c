namespace Meridian.Core.Regions;

/// <summary>A Fly.io region an audit can run from.</summary>
/// <param name="Code">Fly's three-letter region code, lower case (e.g. "iad").</param>
public sealed record Region(string Code, string City, string Country, double Latitude, double Longitude);
