import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SObjectServer
import Testing

/// query, queryAll, the pages after the first, and search, in process, on both engines.
@Suite struct QueryCallTests {
  /// Creates `count` interactions through sObject Collections (200 a request); their Reasons are
  /// `reason 0`, `reason 1`, …
  static func createInteractions(_ client: any TestClientProtocol, count: Int, from first: Int = 0) async throws
    -> [String]
  {
    var ids: [String] = []
    for batch in stride(from: first, to: first + count, by: 200) {
      let records = (batch..<min(batch + 200, first + count)).map { index in
        let channel = index % 2 == 0 ? "Voice Call" : "Web Chat"
        return #"{"attributes": {"type": "EngagementInteraction"}, "CommunicationChannel": "\#(channel)", "#
          + #""StartDateTime": "2024-03-01T10:00:00.000+0000", "Reason": "reason \#(index)"}"#
      }
      let answer = try await client.call(
        .post, "composite/sobjects", json: #"{"allOrNone": true, "records": [\#(records.joined(separator: ","))]}"#)
      let results = answer.json as? [[String: Any]] ?? []
      #expect(results.count == records.count, "\(answer.text.prefix(400))")
      ids += results.compactMap { $0["id"] as? String }
    }
    return ids
  }

  static func escaped(_ soql: String) -> String {
    soql.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? soql
  }

  @Test(arguments: Engine.allCases) func queryPagesThroughEveryRecord(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let ids = try await Self.createInteractions(client, count: 450)
      let soql = Self.escaped("SELECT Id, Reason, Owner.Id FROM EngagementInteraction ORDER BY Reason")
      var headers: HTTPFields = [.authorization: "Bearer \(ServerHarness.token)"]
      headers[HTTPField.Name("Sforce-Query-Options")!] = "batchSize=200"
      var response = try await client.execute(
        uri: "/services/data/v62.0/query?q=\(soql)", method: .get, headers: headers, body: nil)
      var page = Answer(status: Int(response.status.code), text: String(buffer: response.body))
      var seen: [String] = []
      var pages = 0
      while true {
        #expect(page.status == 200, "\(page.text.prefix(400))")
        pages += 1
        #expect(page.object["totalSize"] as? Int == 450)
        let records = page.object["records"] as? [[String: Any]] ?? []
        seen += records.compactMap { $0["Id"] as? String }
        if let first = records.first {
          #expect((first["attributes"] as? [String: Any])?["type"] as? String == "EngagementInteraction")
          #expect(((first["Owner"] as? [String: Any])?["Id"] as? String)?.hasPrefix("005") == true)
        }
        guard let next = page.object["nextRecordsUrl"] as? String else {
          #expect(page.object["done"] as? Bool == true)
          break
        }
        #expect(page.object["done"] as? Bool == false)
        #expect(next.hasPrefix("/services/data/v62.0/query/01g"))
        #expect(records.count == 200)
        response = try await client.execute(uri: next, method: .get, headers: headers, body: nil)
        page = Answer(status: Int(response.status.code), text: String(buffer: response.body))
      }
      #expect(pages == 3)
      #expect(seen.count == 450 && Set(seen) == Set(ids))

      let unknown = try await client.call(.get, "query/01gAAAAAAAAAAAAAAA-200")
      #expect(unknown.status == 400)
      #expect(unknown.errorCodes == ["INVALID_QUERY_LOCATOR"])
    }
  }

  @Test(arguments: Engine.allCases) func queryFiltersCountsAndQueryAllSeesDeleted(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let ids = try await Self.createInteractions(client, count: 5)
      #expect(try await client.call(.delete, "sobjects/EngagementInteraction/\(ids[0])").status == 204)

      let chatsQuery =
        "SELECT Reason FROM EngagementInteraction WHERE CommunicationChannel = 'Web Chat' ORDER BY Reason DESC"
      let chats = try await client.call(.get, "query?q=\(Self.escaped(chatsQuery))")
      #expect(chats.status == 200, "\(chats.text)")
      #expect(
        (chats.object["records"] as? [[String: Any]])?.compactMap { $0["Reason"] as? String } == [
          "reason 3", "reason 1",
        ])
      #expect(chats.object["done"] as? Bool == true && chats.object["nextRecordsUrl"] == nil)

      // As a form encodes it (clients do): `+` is a space, `%2B` a plus.
      let form = try await client.call(
        .get,
        "query?q=SELECT+Reason+FROM+EngagementInteraction+WHERE+Reason+!%3D+%27reason%2B1%27"
          + "+AND+Reason+LIKE+%27%25+4%27")
      #expect((form.object["records"] as? [[String: Any]])?.compactMap { $0["Reason"] as? String } == ["reason 4"])

      let count = "SELECT COUNT() FROM EngagementInteraction"
      let live = try await client.call(.get, "query?q=\(Self.escaped(count))")
      #expect(live.object["totalSize"] as? Int == 4, "\(live.text)")
      let all = try await client.call(.get, "queryAll?q=\(Self.escaped(count))")
      #expect(all.object["totalSize"] as? Int == 5, "\(all.text)")
      let deleted = try await client.call(
        .get, "queryAll?q=\(Self.escaped("SELECT Id, IsDeleted FROM EngagementInteraction WHERE IsDeleted = true"))")
      #expect((deleted.object["records"] as? [[String: Any]])?.compactMap { $0["Id"] as? String } == [ids[0]])

      let groupQuery =
        "SELECT CommunicationChannel, COUNT(Id) n FROM EngagementInteraction GROUP BY CommunicationChannel "
        + "ORDER BY CommunicationChannel"
      let grouped = try await client.call(.get, "query?q=\(Self.escaped(groupQuery))")
      let groups = (grouped.object["records"] as? [[String: Any]] ?? []).map {
        "\($0["CommunicationChannel"] as? String ?? "?")=\($0["n"] as? Int ?? -1)"
      }
      #expect(groups == ["Voice Call=2", "Web Chat=2"], "\(grouped.text)")
    }
  }

  @Test(arguments: Engine.allCases) func refusalsAsSalesforceGivesThem(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let cases: [(String, String, String)] = [
        ("SELECT Id FROM EngagementInteraction WHERE", "MALFORMED_QUERY", "ERROR at Row:1:Column:"),
        ("SELECT Nope FROM EngagementInteraction", "INVALID_FIELD", "No such column 'Nope' on entity"),
        ("SELECT Id FROM Nope", "INVALID_TYPE", "sObject type 'Nope' is not supported"),
        ("SELECT Id FROM EngagementInteraction WHERE Name = 'x' OR Name = 'y' AND Name = 'z'", "MALFORMED_QUERY", ""),
      ]
      for (soql, code, message) in cases {
        let answer = try await client.call(.get, "query?q=\(Self.escaped(soql))")
        #expect(answer.status == 400, "\(soql)")
        #expect(answer.errorCodes == [code], "\(soql): \(answer.text)")
        #expect((answer.errors.first?["message"] as? String ?? "").contains(message), "\(answer.text)")
      }
      // Hostile text is refused by the engine's limits before any work grows with it.
      let terms = Array(repeating: "Name = 'x'", count: 10_000).joined(separator: " OR ")
      let started = ContinuousClock.now
      let hostile = try await client.call(
        .get, "query?q=\(Self.escaped("SELECT Id FROM EngagementInteraction WHERE \(terms)"))")
      #expect(hostile.status == 400 && hostile.errorCodes == ["MALFORMED_QUERY"], "\(hostile.text.prefix(300))")
      #expect(ContinuousClock.now - started < .seconds(5))
      let missing = try await client.call(.get, "query")
      #expect(missing.status == 400 && missing.errorCodes == ["MALFORMED_QUERY"])
      // A field newer than the path's version does not exist for it.
      let old = try await client.call(
        .get, "query?q=\(Self.escaped("SELECT PhoneNumber FROM EngagementInteraction"))", version: "v56.0")
      #expect(old.errorCodes == ["INVALID_FIELD"], "\(old.text)")
      let search = try await client.call(.get, "search?q=\(Self.escaped("FIND {unterminated"))")
      // A SOSL syntax error is MALFORMED_QUERY, as the engine answers it (Tests/SObjectQueryTests/SearchTests).
      #expect(search.status == 400 && search.errorCodes == ["MALFORMED_QUERY"], "\(search.text)")
      #expect((search.errors.first?["message"] as? String ?? "").contains("ERROR at Row:1:Column:6"))
    }
  }

  @Test(arguments: Engine.allCases) func searchFindsWrittenUpdatedAndNotDeletedRecords(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let ids = try await Self.createInteractions(client, count: 3)
      #expect(
        try await client.call(
          .patch, "sobjects/EngagementInteraction/\(ids[1])", json: #"{"Reason": "billing question"}"#
        ).status == 204)
      #expect(try await client.call(.delete, "sobjects/EngagementInteraction/\(ids[2])").status == 204)
      func found(_ sosl: String) async throws -> [String] {
        let answer = try await client.call(.get, "search?q=\(Self.escaped(sosl))")
        #expect(answer.status == 200, "\(sosl): \(answer.text)")
        return (answer.object["searchRecords"] as? [[String: Any]] ?? []).compactMap { $0["Id"] as? String }
      }
      #expect(try await found("FIND {billing} RETURNING EngagementInteraction(Id)") == [ids[1]])
      #expect(try await found("FIND {bill*} IN ALL FIELDS RETURNING EngagementInteraction(Id, Reason)") == [ids[1]])
      #expect(try await found("FIND {reason} RETURNING EngagementInteraction(Id)") == [ids[0]])
    }
  }

  /// A database made before search existed (no search DDL, no state row) gets it on the next start,
  /// with the rows already there indexed.
  @Test func searchDDLIsAddedToAnOlderDatabase() async throws {
    let folder = try ServerHarness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("old.db").path
    let configuration = ServerHarness.configuration(database: path)
    var server = try await LocalServer.prepare(configuration)
    try await server.application().test(.router) { client in
      _ = try await Self.createInteractions(client, count: 2)
    }
    try await server.service.store.runScript(
      #"DROP TABLE "EngagementInteraction_search"; DELETE FROM "sobjectserver_state" WHERE "key" = 'searchDDL';"#)
    try await server.service.store.close()

    server = try await LocalServer.prepare(configuration)
    #expect(server.outcome == .upToDate)
    try await server.application().test(.router) { client in
      let answer = try await client.call(
        .get, "search?q=\(Self.escaped("FIND {reason} RETURNING EngagementInteraction(Reason ORDER BY Reason)"))")
      let reasons = (answer.object["searchRecords"] as? [[String: Any]] ?? []).compactMap { $0["Reason"] as? String }
      #expect(reasons == ["reason 0", "reason 1"], "\(answer.text)")
    }
    try await server.service.store.close()
  }
}
