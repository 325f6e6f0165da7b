using System.Globalization;

namespace AiGuard.Benchmarks.Suite;

/// <summary>The figures one scenario measured, the command that reproduces it and notes (failures, context).</summary>
internal sealed class ScenarioResult(string scenario, string command)
{
    public string Scenario { get; } = scenario;

    public string Command { get; } = command;

    public List<Figure> Figures { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>False when the scenario could not finish (did not converge) or a target was missed.</summary>
    public bool Completed { get; set; } = true;

    public void Add(string name, double value, string unit, string? target = null, bool? met = null)
    {
        Figures.Add(new Figure(name, value, unit, target, met));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {name}: {value:0.###} {unit}{(target is null ? "" : $" (target {target}: {(met == true ? "met" : "NOT met")})")}"));
    }

    /// <summary>The GET figure (target 0), with the resources named in a note when there were any.</summary>
    public void AddGets(OperatorRequests requests)
    {
        Add("GETs", requests.Gets, "", "0", requests.Gets == 0);
        if (requests.Gets > 0)
        {
            Note($"GETs by resource (leases are the leader election's): {requests.Server.VerbByResource("get")}");
        }
    }

    public void Note(string note)
    {
        Notes.Add(note);
        Console.WriteLine($"   note: {note}");
    }

    public ScenarioResult Fail(string why)
    {
        Completed = false;
        Note(why);
        return this;
    }
}
