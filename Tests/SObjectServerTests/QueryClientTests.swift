import Foundation
import HummingbirdTesting
import SObjectGenTestSupport
import SObjectServer
import Testing

/// Real clients' queries and searches against a server listening on a loopback port, on both engines.
@Suite struct QueryClientTests {
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
    let python = try await RealClientTests.python(with: .simpleSalesforce)
    try await Self.runClient(
      "simple_salesforce_query.py", python: python, engine: engine, passed: "all simple-salesforce query checks passed")
  }

  /// django-salesforce's ORM over models its inspectdb wrote from the server's describe.
  @Test(.timeLimit(.minutes(20)), arguments: Engine.allCases) func djangoSalesforceORM(engine: Engine) async throws {
    // django-salesforce 6.0 asks for a licence key with Django 5.2.15 and later (as Tests/Clients pins it).
    let python = try await RealClientTests.python(with: .djangoSalesforce)
    try await Self.runClient(
      "django_orm_client.py", python: python, engine: engine, passed: "all django-salesforce checks passed")
  }

  /// tap-salesforce's incremental sync of EngagementInteraction over REST, twice, with state.
  @Test(.timeLimit(.minutes(20)), arguments: Engine.allCases) func tapSalesforceIncrementalSync(engine: Engine)
    async throws
  {
    let python = try await RealClientTests.python(with: .tapSalesforce)
    try await Self.runClient(
      "tap_salesforce_sync.py", python: python, engine: engine, passed: "all tap-salesforce sync checks passed")
  }
}
