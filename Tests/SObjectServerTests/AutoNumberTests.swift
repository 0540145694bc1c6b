import Foundation
import Hummingbird
import HummingbirdTesting
import SObjectGenTestSupport
import SObjectMetadata
import Testing

@testable import SObjectServer

/// Auto-number names: counted per object on both engines; on PostgreSQL by a sequence, which takes
/// over the counter of a database made before sequences.
@Suite struct AutoNumberTests {
  let interaction = #"{"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00.000+0000"}"#

  /// Creates an EngagementInteraction and answers its auto-number Name.
  func createdName(_ client: some TestClientProtocol) async throws -> String {
    let created = try await client.call(.post, "sobjects/EngagementInteraction", json: interaction)
    let id = try #require(created.object["id"] as? String, "\(created.status) \(created.text)")
    let record = try await client.call(.get, "sobjects/EngagementInteraction/\(id)?fields=Name")
    return try #require(record.object["Name"] as? String, "\(record.text)")
  }

  @Test(arguments: Engine.allCases) func namesAreNumberedInTurn(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      var names: [String] = []
      for _ in 0..<3 { names.append(try await createdName(client)) }
      let width = names[0].count
      #expect(names == (1...3).map { String(repeating: "0", count: width - 1) + String($0) }, "\(names)")
    }
  }

  @Test func sequenceNamesFitPostgreSQLsLimit() throws {
    let model = try loadRepositoryMetadata()
    let object = try #require(model[objectNamed: "EngagementInteraction"])
    let field = try #require(object.allFields.first { $0.isAutoNumber })
    #expect(AutoNumbers.sequenceName(object, field) == "sobjectserver_autonumber_EngagementInteraction_Name")
    // Names too long to spell out: cut to 63 bytes, told apart by a hash of the whole key.
    var long = object
    long.name = String(repeating: "VeryLongObjectName", count: 3) + "A"
    var other = long
    other.name.removeLast()
    other.name += "B"
    let names = [long, other].map { AutoNumbers.sequenceName($0, field) }
    #expect(names.allSatisfy { $0.utf8.count == 63 && $0.hasPrefix("sobjectserver_autonumber_VeryLong") })
    #expect(names[0] != names[1])
    #expect(AutoNumbers.sequenceName(long, field) == names[0], "the same name on every start")
  }

  @Test func postgreSQLCarriesAnOlderCounterIntoItsSequence() async throws {
    let folder = try ServerHarness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = try ServerHarness.newDatabase(.postgresql, in: folder)
    let name = try #require(URLComponents(string: database)?.path.dropFirst()).description
    let postgres = try PostgreSQLServer.shared()

    try await ServerHarness.withServer(configuration: ServerHarness.configuration(database: database)) { client, _ in
      let first = try await createdName(client)
      #expect(Int(first) == 1, "\(first)")
    }
    // As a database made before sequences: its counter in the table, no sequence.
    try postgres.psql(
      database: name,
      """
      DROP SEQUENCE "sobjectserver_autonumber_EngagementInteraction_Name";
      INSERT INTO "sobjectserver_autonumbers" ("name", "last") VALUES ('EngagementInteraction.Name', 41);
      """)
    try await ServerHarness.withServer(configuration: ServerHarness.configuration(database: database)) { client, _ in
      let next = try await createdName(client)
      #expect(Int(next) == 42, "\(next)")
    }
    let left = try postgres.psqlResult(database: name, #"SELECT count(*) FROM "sobjectserver_autonumbers";"#)
    #expect(left.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
  }
}
