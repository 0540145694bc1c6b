import Foundation
import SObjectGenTestSupport
import Testing

/// The README's server section, run as written: its `sh` block starts `sobjectgen-server`, its
/// `python` block talks to it with simple-salesforce, and each `print(…)   # X` must print X. Only
/// what cannot be shared on a test machine is changed: the database goes to a temporary folder and
/// the port is a free one (the instance URL follows it).
@Suite(.serialized) struct ReadmeExampleTests {
  static let heading = "## A local Salesforce-compatible server"

  /// The fenced blocks of one language in the README's server section, in order.
  static func blocks(_ language: String) throws -> [String] {
    let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    guard let start = readme.range(of: "\n\(heading)\n") else {
      throw HarnessError(description: "README.md has no section '\(heading)'")
    }
    var section = readme[start.upperBound...]
    if let next = section.range(of: "\n## ") { section = section[..<next.lowerBound] }
    var found: [String] = []
    var rest = section
    while let open = rest.range(of: "```\(language)\n"), let close = rest[open.upperBound...].range(of: "\n```") {
      found.append(String(rest[open.upperBound..<close.lowerBound]))
      rest = rest[close.upperBound...]
    }
    return found
  }

  @Test(.timeLimit(.minutes(20))) func theREADMEsSimpleSalesforceExampleRunsAsWritten() async throws {
    let command = try #require(try Self.blocks("sh").first, "the section shows no command")
    let script = try #require(try Self.blocks("python").first, "the section shows no Python example")
    let words = command.split(whereSeparator: \.isWhitespace).map(String.init)
    #expect(Array(words.prefix(3)) == ["swift", "run", "sobjectgen-server"], "one command starts the server")
    var options: [String: String] = [:]
    for index in stride(from: 3, to: words.count - 1, by: 2) { options[words[index]] = words[index + 1] }
    let token = try #require(options["--token"])
    let port = try #require(options["--port"])
    #expect(options["--metadata"] == "Metadata" && options["--database"] != nil, "\(command)")

    let python = try await RealClientTests.python(with: .simpleSalesforce)
    let folder = try ServerHarness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var arguments = options
    arguments["--metadata"] = metadataFolder
    arguments["--database"] = folder.appendingPathComponent(options["--database"]!).path
    arguments["--port"] = "0"
    let server = try await ServerProcessTests.start(
      arguments: arguments.keys.sorted().flatMap { [$0, arguments[$0]!] }, log: folder.appendingPathComponent("log"))
    defer {
      server.process.terminate()
      server.process.waitUntilExit()
    }

    let readmeURL = "http://127.0.0.1:\(port)"
    #expect(script.components(separatedBy: readmeURL).count == 2, "the example names the server once: \(readmeURL)")
    #expect(script.contains(#"session_id="\#(token)""#), "the example sends the command's token")
    let file = folder.appendingPathComponent("readme_example.py")
    try script.replacingOccurrences(of: readmeURL, with: "http://127.0.0.1:\(server.port)")
      .write(to: file, atomically: true, encoding: .utf8)
    let result = try await runProgramOffThread(python, [file.path])
    #expect(result.status == 0, "\(result.stderr.suffix(2000))")
    let expected = script.split(separator: "\n").compactMap { line -> String? in
      guard line.hasPrefix("print("), let comment = line.range(of: "# ") else { return nil }
      return String(line[comment.upperBound...])
    }
    #expect(!expected.isEmpty, "the example says what it prints")
    #expect(result.stdout.split(separator: "\n").map(String.init) == expected)
  }
}
