import Foundation
import HummingbirdTesting
import SObjectGenTestSupport
import SObjectServer
import Testing

/// Real clients' queries and searches against a server listening on a loopback port, on both engines.
@Suite struct QueryClientTests {
  /// The python of `.build/<venv>` holding the packages (made once by client_venv.sh); a skip with
  /// pip's reason (a failure in CI) when pip cannot install them.
  static func python(venv: String, _ packages: [String]) async throws -> String {
    let result = try await runProgramOffThread(
      "/bin/sh",
      [
        RealClientTests.clientsFolder.appendingPathComponent("client_venv.sh").path,
        packageRoot.appendingPathComponent(".build/\(venv)").path,
      ] + packages)
    let python = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    try ServerHarness.require(
      result.status == 0 && FileManager.default.isExecutableFile(atPath: python),
      "cannot install \(packages.joined(separator: ", ")) with pip: \(result.stderr.suffix(400))")
    return python
  }

  /// Runs a client script against a live server on a new database of the engine: the script's
  /// arguments are the server's URL, the token and a scratch folder; it must print `passed`.
  static func runClient(_ script: String, python: String, engine: Engine, passed: String) async throws {
    try await ServerHarness.withServer(.live, engine: engine) { client, _ in
      let port = try #require(client.port)
      let folder = try ServerHarness.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let result = try await runProgramOffThread(
        python,
        [
          RealClientTests.clientsFolder.appendingPathComponent(script).path, "http://127.0.0.1:\(port)",
          ServerHarness.token, folder.path,
        ])
      #expect(result.status == 0, "\(result.stdout.suffix(3000))\n\(result.stderr.suffix(3000))")
      #expect(result.stdout.contains(passed), "\(result.stdout.suffix(3000))")
    }
  }

  /// query, query_more, query_all past 2,000 records, queryAll, errors and search.
  @Test(.timeLimit(.minutes(20)), arguments: Engine.allCases) func simpleSalesforceQueriesAndSearches(
    engine: Engine
  ) async throws {
    let python = try await Self.python(venv: "client-venv", ["simple-salesforce"])
    try await Self.runClient(
      "simple_salesforce_query.py", python: python, engine: engine, passed: "all simple-salesforce query checks passed")
  }

  /// django-salesforce's ORM over models its inspectdb wrote from the server's describe.
  @Test(.timeLimit(.minutes(20)), arguments: Engine.allCases) func djangoSalesforceORM(engine: Engine) async throws {
    // django-salesforce 6.0 asks for a licence key with Django 5.2.15 and later (as Tests/Clients pins it).
    let python = try await Self.python(venv: "django-venv", ["django-salesforce==6.0", "Django>=5.2,<5.2.15"])
    try await Self.runClient(
      "django_orm_client.py", python: python, engine: engine, passed: "all django-salesforce checks passed")
  }

  /// The README's simple-salesforce example (records, SOQL, SOSL), as it stands there, against a live
  /// server on a new database: its printed lines are the ones its comments give.
  @Test(.timeLimit(.minutes(20))) func readmeServerExampleRuns() async throws {
    let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(readme.range(of: "## A local Salesforce-compatible server"))
    let rest = readme[section.upperBound...]
    let start = try #require(rest.range(of: "```python\n"))
    let end = try #require(rest[start.upperBound...].range(of: "```"))
    let example = String(rest[start.upperBound..<end.lowerBound])
    let python = try await Self.python(venv: "client-venv", ["simple-salesforce"])
    try await ServerHarness.withServer(.live) { client, _ in
      let port = try #require(client.port)
      let folder = try ServerHarness.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let script = folder.appendingPathComponent("example.py")
      try example.replacingOccurrences(of: "http://127.0.0.1:8080", with: "http://127.0.0.1:\(port)")
        .replacingOccurrences(of: "\"local-token\"", with: "\"\(ServerHarness.token)\"")
        .write(to: script, atomically: true, encoding: .utf8)
      let result = try await runProgramOffThread(python, [script.path])
      #expect(result.status == 0, "\(result.stderr.suffix(3000))")
      let lines = result.stdout.split(separator: "\n").map(String.init)
      #expect(lines == ["New", "1 Integration User", "Billing question"], "\(result.stdout)")
    }
  }

  /// tap-salesforce's incremental sync of EngagementInteraction over REST, twice, with state.
  @Test(.timeLimit(.minutes(20)), arguments: Engine.allCases) func tapSalesforceIncrementalSync(engine: Engine)
    async throws
  {
    let python = try await Self.python(venv: "tap-venv", ["tap-salesforce"])
    try await Self.runClient(
      "tap_salesforce_sync.py", python: python, engine: engine, passed: "all tap-salesforce sync checks passed")
  }
}
