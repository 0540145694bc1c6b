import Foundation
import Hummingbird
import HummingbirdTesting
import SObjectServer
import Testing

/// What an org does beyond the single calls: HEAD, the API usage header, the replication windows,
/// and what deleting a record does to the records that point at it.
@Suite struct OrgBehaviourTests {
  let account = #"{"Name": "Acme"}"#

  func create(_ client: some TestClientProtocol, _ object: String, _ body: String) async throws -> String {
    let answer = try await client.call(.post, "sobjects/\(object)", json: body)
    return try #require(answer.object["id"] as? String, "\(answer.status) \(answer.text)")
  }

  func interaction(account id: String) -> String {
    #"{"Name": "Call", "AccountId": "\#(id)"}"#
  }

  @Test(arguments: Engine.allCases) func headAnswersTheHeadersOfGetWithoutTheBody(engine: Engine) async throws {
    try await ServerHarness.withServer(.live, engine: engine) { client, _ in
      let id = try await create(client, "Account", account)
      for path in ["sobjects/Account/\(id)", "sobjects/Account/describe", "sobjects", "/services/data/v62.0"] {
        let get = try await client.call(.get, path)
        let head = try await client.call(.head, path)
        #expect(get.status == 200 && head.status == 200, "\(path)")
        #expect(head.text.isEmpty, "\(path): \(head.text.prefix(80))")
        #expect(head.headers[.contentType] == get.headers[.contentType])
        #expect(head.headers[.contentLength] == String(get.text.utf8.count), "\(path)")
      }
      let missing = try await client.call(.head, "sobjects/Account/001000000000000AAA")
      #expect(missing.status == 404 && missing.text.isEmpty)
      #expect(try await client.call(.head, "sobjects/Account", token: "wrong").status == 401)
    }
  }

  @Test(arguments: Engine.allCases) func everyCallReportsTheAPIUsage(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let first = try await client.call(.get, "sobjects")
      let second = try await client.call(.get, "sobjects/Nope/describe")
      #expect(first.limitInfo == "api-usage=1/15000")
      #expect(second.status == 404)
      #expect(second.limitInfo == "api-usage=2/15000")
      let refused = try await client.call(.get, "sobjects", token: "wrong")
      #expect(refused.status == 401 && refused.limitInfo == nil, "a refused token is not a call")
      #expect(try await client.call(.get, "sobjects").limitInfo == "api-usage=3/15000")
    }
  }

  @Test(arguments: Engine.allCases) func replicationWindowsAreSalesforces(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let now = Date()
      let day = 86_400.0
      func codes(_ resource: String, _ start: Date, _ end: Date) async throws -> [String] {
        let answer = try await client.call(
          .get, "sobjects/Account/\(resource)/?\(ServerHarness.window(from: start, to: end))")
        return answer.status == 200 ? [] : answer.errorCodes
      }
      #expect(try await codes("updated", now - 29 * day, now) == [])
      #expect(try await codes("updated", now - 32 * day, now) == ["INVALID_REPLICATION_DATE"])
      #expect(try await codes("deleted", now - 14 * day, now) == [])
      #expect(try await codes("deleted", now - 17 * day, now) == ["INVALID_REPLICATION_DATE"])
      #expect(try await codes("updated", now, now - 3600) == ["INVALID_REPLICATION_DATE"], "end before start")
      // Seconds are ignored: two date-times inside one minute are an empty window.
      let minute = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60 - 3600)
      #expect(try await codes("updated", minute + 5, minute + 50) == ["INVALID_REPLICATION_DATE"])
      let missing = try await client.call(.get, "sobjects/Account/updated/?start=2024-01-01T00:00:00Z")
      #expect(missing.status == 400 && missing.errorCodes == ["MISSING_ARGUMENT"])
      let covered = try await client.call(.get, "sobjects/Account/updated/?\(ServerHarness.recentWindow)")
      let latest = try #require(covered.object["latestDateCovered"] as? String)
      #expect(latest.hasSuffix(":00.000+0000"), "whole minutes: \(latest)")
    }
  }

  @Test(arguments: Engine.allCases) func aDeletedParentClearsLookupsAndUndeleteRestoresThem(engine: Engine) async throws
  {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let parent = try await create(client, "Account", account)
      let child = try await create(client, "Interaction", interaction(account: parent))
      let before = try await client.call(.get, "sobjects/Interaction/\(child)?fields=AccountId,SystemModstamp")
      #expect(try await client.call(.delete, "sobjects/Account/\(parent)").status == 204)
      let cleared = try await client.call(.get, "sobjects/Interaction/\(child)?fields=AccountId,SystemModstamp")
      #expect(cleared.status == 200, "the child of a lookup stays")
      #expect(cleared.object["AccountId"] is NSNull, "\(cleared.text)")
      #expect(
        (cleared.object["SystemModstamp"] as? String ?? "") >= (before.object["SystemModstamp"] as? String ?? "~"))
      let undeleted = try await client.call(
        .post, "/services/apexrest/sobjects/undelete", json: #"{"ids": ["\#(parent)"]}"#)
      #expect((undeleted.json as? [[String: Any]])?.first?["success"] as? Bool == true, "\(undeleted.text)")
      let restored = try await client.call(.get, "sobjects/Interaction/\(child)?fields=AccountId")
      #expect(restored.object["AccountId"] as? String == parent)

      // A lookup set again since the delete is left as it is.
      let other = try await create(client, "Account", account)
      #expect(try await client.call(.delete, "sobjects/Account/\(parent)").status == 204)
      let moved = try await client.call(
        .patch, "sobjects/Interaction/\(child)", json: #"{"AccountId": "\#(other)"}"#)
      #expect(moved.status == 204)
      _ = try await client.call(.post, "/services/apexrest/sobjects/undelete", json: #"{"ids": ["\#(parent)"]}"#)
      let kept = try await client.call(.get, "sobjects/Interaction/\(child)?fields=AccountId")
      #expect(kept.object["AccountId"] as? String == other)
    }
  }

  @Test(arguments: Engine.allCases) func masterDetailChildrenGoAndComeBackWithTheirParent(engine: Engine) async throws {
    let masterDetail: (URL) throws -> String = { folder in
      try ServerHarness.metadataCopy(in: folder, editing: "Interaction.yaml") {
        $0.replacingOccurrences(
          of: "relationshipName: Account\n    relationshipType: Lookup",
          with: "relationshipName: Account\n    relationshipType: Master-detail")
      }
    }
    try await ServerHarness.withServer(engine: engine, metadata: masterDetail) { client, _ in
      let parent = try await create(client, "Account", account)
      var children: [String] = []
      for _ in 0..<2 {
        let created = try await client.call(.post, "sobjects/Interaction", json: interaction(account: parent))
        children.append(try #require(created.object["id"] as? String, "\(created.text)"))
      }
      #expect(try await client.call(.delete, "sobjects/Account/\(parent)").status == 204)
      for child in children {
        #expect(try await client.call(.get, "sobjects/Interaction/\(child)").errorCodes == ["ENTITY_IS_DELETED"])
      }
      let deleted = try await client.call(.get, "sobjects/Interaction/deleted/?\(ServerHarness.recentWindow)")
      let listed = ((deleted.object["deletedRecords"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
      #expect(Set(listed) == Set(children))

      let alone = try await client.call(
        .post, "/services/apexrest/sobjects/undelete", json: #"{"ids": ["\#(children[0])"]}"#)
      let result = (alone.json as? [[String: Any]])?.first
      #expect(result?["success"] as? Bool == false)
      #expect(((result?["errors"] as? [[String: Any]])?.first?["statusCode"] as? String) == "UNDELETE_FAILED")

      _ = try await client.call(.post, "/services/apexrest/sobjects/undelete", json: #"{"ids": ["\#(parent)"]}"#)
      for child in children {
        let back = try await client.call(.get, "sobjects/Interaction/\(child)?fields=AccountId")
        #expect(back.status == 200 && back.object["AccountId"] as? String == parent, "\(back.text)")
      }
    }
  }

  @Test(arguments: Engine.allCases) func restrictedDeleteIsRefusedWhileChildrenPointAtTheRecord(engine: Engine)
    async throws
  {
    let restricted: (URL) throws -> String = { folder in
      try ServerHarness.metadataCopy(in: folder, editing: "Interaction.yaml") {
        $0.replacingOccurrences(
          of: "properties: [Create, Filter, Group, Nillable, Sort, Update]\n    description: The ID of the account",
          with:
            "properties: [Create, Filter, Group, Nillable, Restricted delete, Sort, Update]\n    description: The ID of the account"
        )
      }
    }
    try await ServerHarness.withServer(engine: engine, metadata: restricted) { client, _ in
      let parent = try await create(client, "Account", account)
      let child = try await create(client, "Interaction", interaction(account: parent))
      let refused = try await client.call(.delete, "sobjects/Account/\(parent)")
      #expect(refused.status == 400 && refused.errorCodes == ["DELETE_FAILED"], "\(refused.text)")
      #expect(try await client.call(.get, "sobjects/Account/\(parent)").status == 200, "nothing deleted")
      #expect(try await client.call(.delete, "sobjects/Interaction/\(child)").status == 204)
      #expect(try await client.call(.delete, "sobjects/Account/\(parent)").status == 204, "no live child left")
    }
  }
}
