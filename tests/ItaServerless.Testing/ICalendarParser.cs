// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ItaServerless.Testing;

/// <summary>
/// Parses an iCalendar feed with a real parser and returns what it read as JSON: prodid, version,
/// calscale, method, name, errors (count), events (uid, summary, description, start, end, stamp, url, alarms).
/// </summary>
public static class ICalendarParser
{
    // The Python "icalendar" library (Debian python3-icalendar, installed by scripts/setup.sh):
    // independent of Ical.Net, which writes the feed. It decodes the whole UTF-8 input before
    // unfolding, so a character split by folding would fail here too.
    private const string ParserScript = """
        import sys, json, icalendar
        cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        errors = sum(len(c.errors) for c in cal.walk())
        events = [{
            "uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "description": str(e["DESCRIPTION"]),
            "start": e.decoded("DTSTART").isoformat(), "end": e.decoded("DTEND").isoformat(),
            "stamp": e.decoded("DTSTAMP").isoformat(), "url": str(e["URL"]),
            "alarms": [str(a.decoded("TRIGGER")) for a in e.walk("VALARM")],
        } for e in cal.walk("VEVENT")]
        print(json.dumps({"prodid": str(cal["PRODID"]), "version": str(cal["VERSION"]), "calscale": str(cal["CALSCALE"]),
            "method": str(cal["METHOD"]), "name": str(cal["X-WR-CALNAME"]), "errors": errors, "events": events}, ensure_ascii=False))
        """;

    public static JsonDocument Parse(string ics)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(ParserScript);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var python = Process.Start(start)!;
        python.StandardInput.Write(ics);
        python.StandardInput.Close();
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        Assert.True(python.WaitForExit(30_000), "the parser did not finish");
        Assert.True(python.ExitCode == 0, "python3-icalendar failed (run scripts/setup.sh): " + stderr.Result);
        return JsonDocument.Parse(stdout.Result);
    }
}
