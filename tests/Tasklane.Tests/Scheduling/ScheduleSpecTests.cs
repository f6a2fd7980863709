namespace Tasklane.Tests.Scheduling;

public sealed class ScheduleSpecTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();

    private static ScheduleSpec Regular(int every, ScheduleUnit unit, string from, string to, string zone = "UTC") => new()
    {
        Kind = ScheduleKind.Regular, Every = every, Unit = unit, From = TimeOnly.Parse(from), To = TimeOnly.Parse(to), TimeZone = zone,
    };

    [Theory]
    [InlineData("2026-11-23T04:10:00Z", "2026-11-23T05:00:00Z")]
    [InlineData("2026-11-23T05:00:00Z", "2026-11-23T06:00:00Z")]
    [InlineData("2026-11-23T22:59:59Z", "2026-11-23T23:00:00Z")]
    [InlineData("2026-11-23T23:00:00Z", "2026-11-24T05:00:00Z")]
    public void NextAfter_HourlyBetween5And23_StaysInTheWindow(string after, string expected)
    {
        var spec = Regular(1, ScheduleUnit.Hours, "05:00", "23:00");

        Assert.Equal(Utc(expected), spec.NextAfter(Utc(after)));
        Assert.Equal("hourly between 05:00 and 23:00", spec.Describe());
    }

    [Theory]
    [InlineData("2026-11-23T21:00:00Z", "2026-11-23T22:00:00Z")]
    [InlineData("2026-11-23T23:45:00Z", "2026-11-24T00:00:00Z")]
    [InlineData("2026-11-24T01:59:00Z", "2026-11-24T02:00:00Z")]
    [InlineData("2026-11-24T02:00:00Z", "2026-11-24T22:00:00Z")]
    public void NextAfter_WindowAcrossMidnight_FiresOnBothSides(string after, string expected)
    {
        var spec = Regular(30, ScheduleUnit.Minutes, "22:00", "02:00");

        Assert.Equal(Utc(expected), spec.NextAfter(Utc(after)));
        Assert.Equal("every 30 minutes between 22:00 and 02:00", spec.Describe());
    }

    [Fact]
    public void NextAfter_DailyAcrossSpringForward_KeepsLocalTime()
    {
        // Europe/Kyiv moves from UTC+2 to UTC+3 on 2026-03-29 at 03:00 local.
        var spec = new ScheduleSpec { Kind = ScheduleKind.Periodic, Period = SchedulePeriod.Daily, At = new TimeOnly(9, 0), TimeZone = "Europe/Kyiv" };

        Assert.Equal(Utc("2026-03-28T07:00:00Z"), spec.NextAfter(Utc("2026-03-28T00:00:00Z")));
        Assert.Equal(Utc("2026-03-29T06:00:00Z"), spec.NextAfter(Utc("2026-03-28T07:00:00Z")));
    }

    [Fact]
    public void NextAfter_DailyAtATimeSkippedBySpringForward_FiresTheNextDay()
    {
        var spec = new ScheduleSpec { Kind = ScheduleKind.Periodic, Period = SchedulePeriod.Daily, At = new TimeOnly(3, 30), TimeZone = "Europe/Kyiv" };

        Assert.Equal(Utc("2026-03-30T00:30:00Z"), spec.NextAfter(Utc("2026-03-28T02:00:00Z")));
    }

    [Fact]
    public void NextAfter_DailyAtAnAmbiguousFallBackTime_FiresOnce()
    {
        // 2026-10-25 03:30 happens twice in Kyiv (UTC+3, then UTC+2): the first occurrence only.
        var spec = new ScheduleSpec { Kind = ScheduleKind.Periodic, Period = SchedulePeriod.Daily, At = new TimeOnly(3, 30), TimeZone = "Europe/Kyiv" };

        var first = spec.NextAfter(Utc("2026-10-24T12:00:00Z"));
        var second = spec.NextAfter(first!.Value);

        Assert.Equal(Utc("2026-10-25T00:30:00Z"), first);
        Assert.Equal(Utc("2026-10-26T01:30:00Z"), second);
    }

    [Fact]
    public void NextAfter_WeeklyAtATime_FindsTheDay()
    {
        var spec = new ScheduleSpec { Kind = ScheduleKind.Periodic, Period = SchedulePeriod.Weekly, DayOfWeek = DayOfWeek.Friday, At = new TimeOnly(18, 15) };

        Assert.Equal(Utc("2026-11-27T18:15:00Z"), spec.NextAfter(Utc("2026-11-23T10:00:00Z")));
        Assert.Equal(Utc("2026-12-04T18:15:00Z"), spec.NextAfter(Utc("2026-11-27T18:15:00Z")));
        Assert.Equal("weekly on Friday at 18:15", spec.Describe());
    }

    [Fact]
    public void NextAfter_HourlyAtMinute_FiresEachHour()
    {
        var spec = new ScheduleSpec { Kind = ScheduleKind.Periodic, Period = SchedulePeriod.Hourly, Minute = 5 };

        Assert.Equal(Utc("2026-11-23T10:05:00Z"), spec.NextAfter(Utc("2026-11-23T10:00:00Z")));
        Assert.Equal(Utc("2026-11-23T11:05:00Z"), spec.NextAfter(Utc("2026-11-23T10:05:00Z")));
    }

    [Fact]
    public void NextAfter_OnceInThePast_IsNull()
    {
        var spec = new ScheduleSpec { Kind = ScheduleKind.Once, RunAt = Utc("2026-01-01T00:00:00Z") };

        Assert.Null(spec.NextAfter(Utc("2026-11-23T00:00:00Z")));
        Assert.Equal(Utc("2026-01-01T00:00:00Z"), spec.NextAfter(Utc("2025-12-31T00:00:00Z")));
    }

    [Fact]
    public void NextAfter_SixFieldCron_FiresOnSeconds()
    {
        var spec = new ScheduleSpec { Kind = ScheduleKind.Cron, Cron = "*/2 * * * * *" };

        Assert.Equal(Utc("2026-11-23T10:00:02Z"), spec.NextAfter(Utc("2026-11-23T10:00:00Z")));
        Assert.Equal(Utc("2026-11-23T10:00:02Z"), spec.NextAfter(Utc("2026-11-23T10:00:01.500Z")));
    }

    [Fact]
    public void NextAfter_FiveFieldCronInAZone_UsesLocalTime()
    {
        var spec = new ScheduleSpec { Kind = ScheduleKind.Cron, Cron = "0 9 * * 1-5", TimeZone = "America/New_York" };

        Assert.Equal(Utc("2026-11-23T14:00:00Z"), spec.NextAfter(Utc("2026-11-23T12:00:00Z")));
    }

    [Fact]
    public void NextAfter_Manual_IsNull() =>
        Assert.Null(new ScheduleSpec().NextAfter(DateTimeOffset.UtcNow));

    [Theory]
    [InlineData(ScheduleKind.Cron, "cron")]
    [InlineData(ScheduleKind.Regular, "every")]
    [InlineData(ScheduleKind.Periodic, "period")]
    [InlineData(ScheduleKind.Once, "run_at")]
    public void Validate_MissingParts_NamesTheField(ScheduleKind kind, string field) =>
        Assert.Equal(field, new ScheduleSpec { Kind = kind }.Validate()?.Field);

    [Theory]
    [InlineData("* * *")]
    [InlineData("61 * * * *")]
    [InlineData("not a cron")]
    public void Validate_BadCron_SaysWhyInWords(string cron)
    {
        var error = new ScheduleSpec { Kind = ScheduleKind.Cron, Cron = cron }.Validate();

        Assert.Equal("cron", error?.Field);
        Assert.False(string.IsNullOrWhiteSpace(error?.Reason));
    }

    [Fact]
    public void Validate_UnknownTimeZone_IsRefused() =>
        Assert.Equal("time_zone", new ScheduleSpec { TimeZone = "Mars/Olympus" }.Validate()?.Field);
}
