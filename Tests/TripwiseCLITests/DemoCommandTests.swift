import Testing
@testable import TripwiseCLI

@Suite("tripwise demo")
struct DemoCommandTests {
    private func run(_ arguments: [String]) -> (ExitCode, String, String) {
        let out = OutputBuffer()
        let err = OutputBuffer()
        let code = TripwiseCommandLine.run(arguments: arguments, output: out.sink, error: err.sink)
        return (code, out.text, err.text)
    }

    @Test("prints the timeline and the with/without comparison")
    func printsTimeline() {
        let (code, out, err) = run(["demo"])
        #expect(code == .success)
        #expect(err.isEmpty)
        #expect(out.contains("State timeline:"))
        #expect(out.contains("CLOSED -> OPEN"))
        #expect(out.contains("HALF_OPEN -> CLOSED"))
        #expect(out.contains("without the breaker"))
    }

    @Test("the seed changes the run and is reproducible")
    func seed() {
        #expect(run(["demo", "--seed", "3"]).1 == run(["demo", "--seed=3"]).1)
        #expect(run(["demo", "--seed", "3"]).1 != run(["demo", "--seed", "4"]).1)
    }

    @Test("bad values are usage errors naming the option", arguments: [["demo", "--seed", "x"], ["demo", "--rate", "0"], ["demo", "--rate", "nan"], ["demo", "--bogus"]])
    func usageErrors(arguments: [String]) {
        let (code, out, err) = run(arguments)
        #expect(code == .usage)
        #expect(out.isEmpty)
        #expect(err.hasPrefix("Error: "))
        #expect(err.contains(arguments[1].split(separator: "=")[0]))
    }
}
