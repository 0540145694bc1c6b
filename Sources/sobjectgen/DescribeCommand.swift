import ArgumentParser
import SObjectGenCore
import SObjectMetadata

struct Describe: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Prints an object's describe JSON (or, with --layouts, its describeLayout) for one API version.")

  @OptionGroup var options: MetadataOptions

  @Argument(help: "The object's API name.")
  var object: String

  @Option(
    name: .long, help: "The API version, such as 56.0 or 56; without it, the newest version the metadata knows.",
    transform: parseAPIVersion)
  var apiVersion: APIVersion?

  @Flag(name: .long, help: "Print the /describe/layouts result instead of the object describe.")
  var layouts = false

  func run() throws {
    let model = try loadModel(options)
    guard let definition = model[objectNamed: object] else {
      printError("error: no object '\(object)' in \(options.metadata)")
      throw ExitCode.failure
    }
    let version = apiVersion ?? model.outputAPIVersion
    do {
      // As the files under Generated/ print them.
      let bytes =
        layouts
        ? DescribeLayoutResult.printed(try DescribeLayoutResult.describe(definition, version: version))
        : try DescribeSObjectResult.describe(definition, in: model, version: version).prettyPrintedBytes()
      print(String(decoding: bytes, as: UTF8.self), terminator: "")
    } catch let error as DescribeError {
      printError(error.description)
      throw ExitCode.failure
    }
  }
}

/// `--api-version 56.0` and `--api-version 56`: the two forms the metadata accepts too.
func parseAPIVersion(_ argument: String) throws -> APIVersion {
  guard let version = APIVersion(parsingEitherForm: argument) else {
    throw ValidationError("'\(argument)' is not an API version; write it as Salesforce does, such as 56.0 (or 56)")
  }
  return version
}
