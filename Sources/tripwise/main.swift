import Foundation
import TripwiseCLI
exit(TripwiseCommandLine.run(arguments: Array(CommandLine.arguments.dropFirst())).rawValue)
