import Foundation
import HummingbirdTesting
import SObjectGenTestSupport
import SObjectModels
import SObjectServer
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Real clients against a server listening on a loopback port.
@Suite struct RealClientTests {
  static let clientsFolder = packageRoot.appendingPathComponent("Tests/SObjectServerTests/Clients")

  /// A client and the virtual environment (under .build/) holding it: one per client, since their
  /// pins differ. Its packages are pinned in `Clients/<client>.txt`.
  enum Client: String {
    case simpleSalesforce = "simple-salesforce"
    case tapSalesforce = "tap-salesforce"
    case djangoSalesforce = "django-salesforce"

    var venv: String {
      switch self {
      case .simpleSalesforce: return "client-venv"
      case .tapSalesforce: return "tap-venv"
      case .djangoSalesforce: return "django-venv"
      }
    }
  }

  /// The python of the client's virtual environment, made (or remade when the pins change) by
  /// `client_venv.sh`; a skip with pip's reason (a failure in CI) when pip cannot.
  static func python(with client: Client) async throws -> String {
    let venv = packageRoot.appendingPathComponent(".build/\(client.venv)").path
    let requirements = clientsFolder.appendingPathComponent("\(client.rawValue).txt").path
    let result = try await runProgramOffThread(
      "/bin/sh", [clientsFolder.appendingPathComponent("client_venv.sh").path, venv, requirements])
    let python = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    try ServerHarness.require(
      result.status == 0 && FileManager.default.isExecutableFile(atPath: python),
      "cannot install \(client.rawValue) with pip: \(result.stderr.suffix(400))")
    return python
  }

  @Test(.timeLimit(.minutes(20)), arguments: Engine.allCases) func simpleSalesforceDrivesEveryCall(engine: Engine)
    async throws
  {
    let python = try await Self.python(with: .simpleSalesforce)
    try await ServerHarness.withServer(.live, engine: engine) { client, _ in
      let port = try #require(client.port)
      let result = try await runProgramOffThread(
        python,
        [
          Self.clientsFolder.appendingPathComponent("simple_salesforce_client.py").path, "http://127.0.0.1:\(port)",
          ServerHarness.token,
        ])
      #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
      #expect(result.stdout.contains("all simple-salesforce checks passed"))
    }
  }

  /// The generated models, over URLSession: a create body from `createRequestBody()`, a record
  /// decoded as `EngagementInteraction`.
  @Test func swiftModelsOverURLSession() async throws {
    try await ServerHarness.withServer(.live) { client, _ in
      let base = "http://127.0.0.1:\(try #require(client.port))/services/data/v62.0/sobjects/EngagementInteraction"
      let body = try EngagementInteraction(
        communicationChannel: .webChat, startDateTime: SalesforceDateTime(Date(timeIntervalSince1970: 1_709_287_200)),
        status: .inProgress
      ).createRequestBody()
      var request = URLRequest(url: URL(string: base)!)
      request.httpMethod = "POST"
      request.setValue("Bearer \(ServerHarness.token)", forHTTPHeaderField: "Authorization")
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = try JSONEncoder().encode(body)
      let (created, response) = try await URLSession.shared.data(for: request)
      #expect((response as? HTTPURLResponse)?.statusCode == 201, "\(String(decoding: created, as: UTF8.self))")
      let id = try #require(
        (try JSONSerialization.jsonObject(with: created) as? [String: Any])?["id"] as? String)

      var get = URLRequest(url: URL(string: "\(base)/\(id)")!)
      get.setValue("Bearer \(ServerHarness.token)", forHTTPHeaderField: "Authorization")
      let (data, _) = try await URLSession.shared.data(for: get)
      let record = try JSONDecoder().decode(EngagementInteraction.self, from: data)
      #expect(record.id?.rawValue == id)
      #expect(record.communicationChannel == .webChat)
      #expect(record.mappedState == .inProgress)
      #expect(record.startDateTime == SalesforceDateTime(Date(timeIntervalSince1970: 1_709_287_200)))
    }
  }

  /// N clients × M creates at once: every one acknowledged, stored once, with unique IDs.
  @Test(arguments: Engine.allCases) func concurrentCreatesLoseNothing(engine: Engine) async throws {
    let clients = 8
    let creates = 40
    try await ServerHarness.withServer(.live, engine: engine) { client, _ in
      let base = "http://127.0.0.1:\(try #require(client.port))/services/data/v62.0/sobjects/EngagementInteraction"
      let ids = try await withThrowingTaskGroup(of: [String].self) { group in
        for _ in 0..<clients {
          group.addTask {
            var ids: [String] = []
            for _ in 0..<creates {
              var request = URLRequest(url: URL(string: base)!)
              request.httpMethod = "POST"
              request.setValue("Bearer \(ServerHarness.token)", forHTTPHeaderField: "Authorization")
              request.httpBody = Data(
                #"{"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00Z"}"#.utf8)
              let (data, _) = try await URLSession.shared.data(for: request)
              if let id = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["id"] as? String {
                ids.append(id)
              }
            }
            return ids
          }
        }
        return try await group.reduce(into: []) { $0 += $1 }
      }
      #expect(ids.count == clients * creates)
      #expect(Set(ids).count == ids.count)
      var request = URLRequest(
        url: URL(string: "\(base)/updated/?\(ServerHarness.recentWindow)")!)
      request.setValue("Bearer \(ServerHarness.token)", forHTTPHeaderField: "Authorization")
      let (data, _) = try await URLSession.shared.data(for: request)
      let stored = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["ids"] as? [String] ?? []
      #expect(Set(stored) == Set(ids))
    }
  }
}

/// tap-salesforce's discovery over HTTP: it logs in with OAuth, reads describeGlobal and every
/// object's describe, and writes a catalog.
@Suite struct TapSalesforceTests {
  @Test(.timeLimit(.minutes(20)), arguments: Engine.allCases) func discoveryBuildsACatalogOfTheObjects(engine: Engine)
    async throws
  {
    let python = try await RealClientTests.python(with: .tapSalesforce)
    try await ServerHarness.withServer(.live, engine: engine) { client, _ in
      let port = try #require(client.port)
      let folder = try ServerHarness.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let result = try await runProgramOffThread(
        python,
        [
          RealClientTests.clientsFolder.appendingPathComponent("tap_salesforce_discover.py").path,
          "http://127.0.0.1:\(port)", ServerHarness.token, folder.appendingPathComponent("config.json").path,
        ])
      #expect(result.status == 0, "\(result.stderr.suffix(2000))")
      let catalog = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
      let streams = catalog?["streams"] as? [[String: Any]] ?? []
      let interaction = try #require(streams.first { $0["stream"] as? String == "EngagementInteraction" })
      let properties = ((interaction["schema"] as? [String: Any])?["properties"] as? [String: Any]) ?? [:]
      #expect(properties["CommunicationChannel"] != nil && properties["SystemModstamp"] != nil)
    }
  }
}
