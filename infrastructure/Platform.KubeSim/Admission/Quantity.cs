using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.KubeSim.Admission;

/// <summary>How a quantity is written back: the form of the suffix it was given with (resource.Format).</summary>
public enum QuantityFormat { DecimalSI, BinarySI, DecimalExponent }

/// <summary>
/// A Kubernetes resource quantity ("100m", "0.5", "64Mi", "1e3", "2k"): an exact decimal value (rounded up to
/// nano units, like the API server) and the format its canonical string is written in.
/// </summary>
public readonly partial record struct Quantity(decimal Value, QuantityFormat Format) : IComparable<Quantity>
{
    private static readonly (string Suffix, int Exponent)[] DecimalSuffixes =
        [("n", -9), ("u", -6), ("m", -3), ("", 0), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18)];

    private static readonly (string Suffix, int Power)[] BinarySuffixes =
        [("Ki", 1), ("Mi", 2), ("Gi", 3), ("Ti", 4), ("Pi", 5), ("Ei", 6)];

    public static Quantity Zero => new(0m, QuantityFormat.DecimalSI);

    public static Quantity FromInteger(long value) => new(value, QuantityFormat.DecimalSI);

    public static bool TryParse(string? text, out Quantity quantity)
    {
        quantity = default;
        var match = text is null ? null : Grammar().Match(text.Trim());
        if (match is not { Success: true })
        {
            return false;
        }
        var number = match.Groups["number"].Value;
        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || number.Trim('+', '-') is "" or ".")
        {
            return false;
        }
        var suffix = match.Groups["suffix"].Value;
        try
        {
            if (suffix.Length > 0 && suffix[0] is 'e' or 'E')
            {
                value *= Pow10(int.Parse(suffix[1..], CultureInfo.InvariantCulture));
                quantity = new(RoundUpToNano(value), QuantityFormat.DecimalExponent);
                return true;
            }
            var binary = Array.FindIndex(BinarySuffixes, s => s.Suffix == suffix);
            if (binary >= 0)
            {
                quantity = new(RoundUpToNano(value * Pow1024(BinarySuffixes[binary].Power)), QuantityFormat.BinarySI);
                return true;
            }
            var dec = Array.FindIndex(DecimalSuffixes, s => s.Suffix == suffix);
            if (dec < 0)
            {
                return false;
            }
            quantity = new(RoundUpToNano(value * Pow10(DecimalSuffixes[dec].Exponent)), QuantityFormat.DecimalSI);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static Quantity Parse(string text) =>
        TryParse(text, out var quantity) ? quantity : throw new FormatException($"quantities must match the regular expression '{Grammar()}'");

    /// <summary>Sums keep the format of the left operand, like resource.Quantity.Add.</summary>
    public static Quantity operator +(Quantity left, Quantity right) => new(left.Value + right.Value, left.Format);

    public static Quantity operator -(Quantity left, Quantity right) => new(left.Value - right.Value, left.Format);

    public static bool operator <(Quantity left, Quantity right) => left.Value < right.Value;

    public static bool operator >(Quantity left, Quantity right) => left.Value > right.Value;

    public static bool operator <=(Quantity left, Quantity right) => left.Value <= right.Value;

    public static bool operator >=(Quantity left, Quantity right) => left.Value >= right.Value;

    public int CompareTo(Quantity other) => Value.CompareTo(other.Value);

    public bool IsZero => Value == 0m;

    /// <summary>The canonical form the API server writes: the largest suffix that keeps the mantissa an integer.</summary>
    public override string ToString()
    {
        if (Value == 0m)
        {
            return "0";
        }
        var sign = Value < 0 ? "-" : "";
        var magnitude = Math.Abs(Value);
        if (Format == QuantityFormat.BinarySI && magnitude >= 1024m && decimal.Truncate(magnitude) == magnitude)
        {
            for (var i = BinarySuffixes.Length - 1; i >= 0; i--)
            {
                var unit = Pow1024(BinarySuffixes[i].Power);
                if (magnitude % unit == 0m)
                {
                    return sign + Integer(magnitude / unit) + BinarySuffixes[i].Suffix;
                }
            }
            return sign + Integer(magnitude);
        }
        for (var i = DecimalSuffixes.Length - 1; i >= 0; i--)
        {
            var (suffix, exponent) = DecimalSuffixes[i];
            var mantissa = magnitude / Pow10(exponent);
            if (decimal.Truncate(mantissa) == mantissa)
            {
                var written = Format == QuantityFormat.DecimalExponent ? (exponent == 0 ? "" : $"e{exponent}") : suffix;
                return sign + Integer(mantissa) + written;
            }
        }
        return sign + Integer(decimal.Ceiling(magnitude * 1_000_000_000m)) + (Format == QuantityFormat.DecimalExponent ? "e-9" : "n");
    }

    private static string Integer(decimal value) => decimal.Truncate(value).ToString("0", CultureInfo.InvariantCulture);

    private static decimal RoundUpToNano(decimal value) =>
        value >= 0 ? decimal.Ceiling(value * 1_000_000_000m) / 1_000_000_000m : decimal.Floor(value * 1_000_000_000m) / 1_000_000_000m;

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result *= 10m;
        }
        return exponent >= 0 ? result : 1m / result;
    }

    private static decimal Pow1024(int power)
    {
        var result = 1m;
        for (var i = 0; i < power; i++)
        {
            result *= 1024m;
        }
        return result;
    }

    [GeneratedRegex(@"^(?<number>[+-]?[0-9]*\.?[0-9]*)(?<suffix>[eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE]?)$")]
    private static partial Regex Grammar();
}
