import BreakerCore
import Testing
@testable import TripwiseCLI

@Suite("--set key=value breaker settings")
struct BreakerSettingsTests {
    @Test("every documented key sets its field")
    func keys() throws {
        let settings = try BreakerSettings(settings: [
            "failureRateThreshold=40", "slowCallRateThreshold=80", "slowCallDurationThreshold=2s",
            "slidingWindow=time:30", "minimumNumberOfCalls=7", "waitDurationInOpenState=500ms",
            "openStateBackoff=exponential:2:120s:0.2", "permittedCallsInHalfOpenState=4",
            "maxWaitDurationInHalfOpenState=1m", "stateAfterMaxWaitInHalfOpenState=closed",
            "consecutiveFailures=9", "sreMultiplier=1.5",
        ])
        let c = settings.configuration
        #expect(c.failureRateThreshold == 40 && c.slowCallRateThreshold == 80)
        #expect(c.slowCallDurationThreshold == .seconds(2))
        #expect(c.slidingWindow == .timeBased(seconds: 30))
        #expect(c.minimumNumberOfCalls == 7 && c.permittedCallsInHalfOpenState == 4)
        #expect(c.waitDurationInOpenState == .milliseconds(500))
        #expect(c.openStateBackoff.multiplier == 2 && c.openStateBackoff.maximum == .seconds(120) && c.openStateBackoff.jitter == 0.2)
        #expect(c.maxWaitDurationInHalfOpenState == .seconds(60))
        #expect(c.stateAfterMaxWaitInHalfOpenState == .closed)
        #expect(try settings.policy(named: "consecutive") == .consecutive(threshold: 9))
        #expect(try settings.policy(named: "sre") == .sre(multiplier: 1.5))
        #expect(BreakerSettings.keys.count == 12)
    }

    @Test("bad settings are usage errors that name the key", arguments: [
        ("noequals", "--set"), ("bogus=1", "bogus"), ("failureRateThreshold=abc", "failureRateThreshold"),
        ("failureRateThreshold=150", "failureRateThreshold"), ("slidingWindow=hour:3", "slidingWindow"),
        ("waitDurationInOpenState=5 parsecs", "waitDurationInOpenState"), ("minimumNumberOfCalls=0", "minimumNumberOfCalls"),
        ("openStateBackoff=linear", "openStateBackoff"),
    ])
    func refused(setting: String, named: String) {
        let error = #expect(throws: CLIUsageError.self) { try BreakerSettings(settings: [setting]) }
        #expect(error.map { "\($0)".contains(named) } == true, "\(String(describing: error))")
    }

    @Test("breaker durations may be zero (a zero wait is valid); garbage is refused")
    func durations() throws {
        #expect(try BreakerSettings(settings: ["waitDurationInOpenState=0"]).configuration.waitDurationInOpenState == .zero)
        #expect(try BreakerSettings(settings: ["waitDurationInOpenState=1m30s"]).configuration.waitDurationInOpenState == .seconds(90))
        #expect(DurationText.duration("250ms") == .milliseconds(250))
        #expect(DurationText.duration("0") == nil)
        #expect(DurationText.duration("0", allowingZero: true) == .zero)
        for bad in ["", "-1s", "ms", "1x", "nan", "inf"] { #expect(DurationText.duration(bad, allowingZero: true) == nil, "\(bad)") }
    }
}
