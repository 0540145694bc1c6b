import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SObjectRuntime
import SObjectServer
import Testing

/// The calls of the REST API in process, each answer checked as Salesforce gives it.
@Suite struct RecordCallTests {
  let interaction = #"{"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00.000+0000"}"#

  @Test(arguments: Engine.allCases) func createRetrieveUpdateDelete(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let created = try await client.call(.post, "sobjects/EngagementInteraction", json: interaction)
      #expect(created.status == 201, "\(created.text)")
      let id = try #require(created.object["id"] as? String)
      #expect(created.object["success"] as? Bool == true)
      #expect(id.hasPrefix("0eI") && id.count == 18 && AnySalesforceID(id) != nil)

      let record = try await client.call(.get, "sobjects/EngagementInteraction/\(id)")
      #expect(record.status == 200)
      #expect(record.object["CommunicationChannel"] as? String == "Voice Call")
      #expect(record.object["StartDateTime"] as? String == "2024-03-01T10:00:00.000+0000")
      #expect(record.object["MappedState"] as? String == "New")
      #expect((record.object["OwnerId"] as? String)?.hasPrefix("005") == true)
      #expect(
        (record.object["attributes"] as? [String: Any])?["url"] as? String
          == "/services/data/v62.0/sobjects/EngagementInteraction/\(id)")

      // A 15-character ID finds the same record; ?fields= narrows it.
      let short = try await client.call(.get, "sobjects/EngagementInteraction/\(id.prefix(15))?fields=Status,Name")
      #expect(short.status == 200)
      #expect(Set(short.object.keys) == ["attributes", "Status", "Name"])

      let updated = try await client.call(
        .patch, "sobjects/EngagementInteraction/\(id)",
        json: #"{"Status": "Completed", "EndDateTime": "2024-03-01T11:30:59.000Z"}"#)
      #expect(updated.status == 204, "\(updated.text)")
      let after = try await client.call(.get, "sobjects/EngagementInteraction/\(id)")
      #expect(after.object["MappedState"] as? String == "Completed")
      #expect(after.object["Duration"] as? String == "90")

      #expect(try await client.call(.delete, "sobjects/EngagementInteraction/\(id)").status == 204)
      let gone = try await client.call(.get, "sobjects/EngagementInteraction/\(id)")
      #expect(gone.status == 404)
      #expect(gone.errorCodes == ["ENTITY_IS_DELETED"])
      let again = try await client.call(.patch, "sobjects/EngagementInteraction/\(id)", json: "{}")
      #expect(again.errorCodes == ["ENTITY_IS_DELETED"])
    }
  }

  @Test(arguments: Engine.allCases) func everyProblemOfABodyAtOnceAndNothingStored(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, server in
      let refused = try await client.call(
        .post, "sobjects/EngagementInteraction",
        json:
          #"{"CommunicationChannel": "Fax", "Name": "x", "Nope": 1, "Reason": "\#(String(repeating: "r", count: 300))", "ContextId": "001000000000001AAA", "OwnerId": "005xx"}"#
      )
      #expect(refused.status == 400)
      #expect(
        Set(refused.errorCodes) == [
          "INVALID_FIELD_FOR_INSERT_UPDATE", "INVALID_FIELD", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
          "STRING_TOO_LONG", "INVALID_CROSS_REFERENCE_KEY", "MALFORMED_ID", "REQUIRED_FIELD_MISSING",
        ], "\(refused.text)")
      let missing = refused.errors.first { $0["errorCode"] as? String == "REQUIRED_FIELD_MISSING" }
      #expect(missing?["fields"] as? [String] == ["StartDateTime"])
      let updated = try await client.call(
        .get, "sobjects/EngagementInteraction/updated/?\(ServerHarness.recentWindow)")
      #expect(updated.status == 200)
      #expect((updated.object["ids"] as? [String]) == [])
    }
  }

  @Test(arguments: Engine.allCases) func fieldsNewerThanTheVersionDoNotExist(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let old = try await client.call(
        .post, "sobjects/EngagementInteraction",
        json: #"{"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00Z", "PhoneNumber": "1"}"#,
        version: "v56.0")
      #expect(old.errorCodes == ["INVALID_FIELD"])
      let tooOld = try await client.call(.get, "sobjects/EngagementInteraction/describe", version: "v54.0")
      #expect(tooOld.status == 404)
      let describe = try await client.call(.get, "sobjects/EngagementInteraction/describe", version: "v56.0")
      let names = ((describe.object["fields"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
      #expect(names.contains("Reason") && !names.contains("PhoneNumber"))
    }
  }

  @Test(arguments: Engine.allCases) func referencesMustPointAtExistingRecordsOfTheirTargets(engine: Engine) async throws
  {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let visit = try await client.call(.post, "sobjects/Visit", json: "{}")
      // Whatever Visit needs, a missing record of a known prefix is refused.
      let missing = try await client.call(
        .post, "sobjects/EngagementInteraction",
        json:
          #"{"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00Z", "InitiatingAttendeeId": "001000000000001AAA"}"#
      )
      #expect(missing.errorCodes == ["INVALID_CROSS_REFERENCE_KEY"], "\(missing.text)")
      _ = visit
    }
  }

  @Test(arguments: Engine.allCases) func crossFieldRulesAreValidationExceptions(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let refused = try await client.call(
        .post, "sobjects/ConformanceFixture__c", json: #"{"Name": "n"}"#)
      #expect(refused.errorCodes == ["FIELD_CUSTOM_VALIDATION_EXCEPTION"], "\(refused.text)")
      let created = try await client.call(
        .post, "sobjects/ConformanceFixture__c",
        json:
          #"{"Name": "n", "Email__c": "a@b.c", "Start__c": "2024-01-01T00:00:00Z", "End__c": "2024-01-01T01:00:59Z", "Tier__c": "Gold", "Quantity__c": 12}"#
      )
      #expect(created.status == 201, "\(created.text)")
      let id = try #require(created.object["id"] as? String)
      let record = try await client.call(.get, "sobjects/ConformanceFixture__c/\(id)")
      #expect(record.object["Minutes__c"] as? Int == 60, "\(record.text)")
      #expect(record.object["IsActive__c"] as? Bool == false)
      let cleared = try await client.call(.patch, "sobjects/ConformanceFixture__c/\(id)", json: #"{"Email__c": null}"#)
      #expect(cleared.errorCodes == ["FIELD_CUSTOM_VALIDATION_EXCEPTION"])
    }
  }

  @Test(arguments: Engine.allCases) func upsertCreatesUpdatesAndReportsSeveralMatches(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let first = try await client.call(
        .patch, "sobjects/EngagementInteraction/ExternalIdentifier/E-1", json: interaction)
      #expect(first.status == 201, "\(first.text)")
      #expect(first.object["created"] as? Bool == true)
      let second = try await client.call(
        .patch, "sobjects/EngagementInteraction/ExternalIdentifier/E-1", json: #"{"Sentiment": "Neutral"}"#)
      #expect(second.status == 200, "\(second.text)")
      #expect(second.object["id"] as? String == first.object["id"] as? String)
      // ExternalIdentifier is not unique: a second record with the same value makes upsert ambiguous.
      let other = try await client.call(
        .post, "sobjects/EngagementInteraction",
        json:
          #"{"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00Z", "ExternalIdentifier": "E-1"}"#
      )
      #expect(other.status == 201)
      let ambiguous = try await client.call(
        .patch, "sobjects/EngagementInteraction/ExternalIdentifier/E-1", json: #"{"Sentiment": "Neutral"}"#)
      #expect(ambiguous.status == 300)
      #expect((ambiguous.json as? [String])?.count == 2)
      let notLookup = try await client.call(.patch, "sobjects/EngagementInteraction/Reason/x", json: "{}")
      #expect(notLookup.status == 404)
    }
  }

  @Test(arguments: Engine.allCases) func collectionsWithAllOrNone(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let good =
        #"{"attributes": {"type": "EngagementInteraction"}, "CommunicationChannel": "Web Chat", "StartDateTime": "2024-03-01T10:00:00Z"}"#
      let bad = #"{"attributes": {"type": "EngagementInteraction"}, "CommunicationChannel": "Fax"}"#
      let partial = try await client.call(
        .post, "composite/sobjects", json: #"{"allOrNone": false, "records": [\#(good), \#(bad)]}"#)
      let results = partial.json as? [[String: Any]] ?? []
      #expect(results.map { $0["success"] as? Bool } == [true, false], "\(partial.text)")
      let all = try await client.call(
        .post, "composite/sobjects", json: #"{"allOrNone": true, "records": [\#(good), \#(bad)]}"#)
      let allResults = all.json as? [[String: Any]] ?? []
      #expect(allResults.map { $0["success"] as? Bool } == [false, false])
      let updated = try await client.call(
        .get, "sobjects/EngagementInteraction/updated/?\(ServerHarness.recentWindow)")
      #expect((updated.object["ids"] as? [String])?.count == 1, "only the partial call's good record is stored")
    }
  }

  @Test(arguments: Engine.allCases) func undeleteThroughTheApexResource(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let id = try #require(
        try await client.call(.post, "sobjects/EngagementInteraction", json: interaction).object["id"] as? String)
      #expect(try await client.call(.delete, "sobjects/EngagementInteraction/\(id)").status == 204)
      let deleted = try await client.call(
        .get, "sobjects/EngagementInteraction/deleted/?\(ServerHarness.recentWindow)")
      #expect(((deleted.object["deletedRecords"] as? [[String: Any]]) ?? []).map { $0["id"] as? String } == [id])
      let undeleted = try await client.call(
        .post, "/services/apexrest/sobjects/undelete", json: #"{"ids": ["\#(id)"]}"#)
      #expect((undeleted.json as? [[String: Any]])?.first?["success"] as? Bool == true, "\(undeleted.text)")
      #expect(try await client.call(.get, "sobjects/EngagementInteraction/\(id)").status == 200)
    }
  }

  @Test(arguments: Engine.allCases) func callsTheMetadataDoesNotListAreRefused(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, server in
      // User lists neither delete nor undelete.
      let refused = try await client.call(.delete, "sobjects/User/\(server.service.userID)")
      #expect(refused.status == 405, "\(refused.text)")
      #expect(refused.errorCodes == ["METHOD_NOT_ALLOWED"])
      #expect(try await client.call(.get, "sobjects/User/\(server.service.userID)").status == 200)
      let collection = try await client.call(.delete, "composite/sobjects?ids=\(server.service.userID)")
      #expect((collection.json as? [[String: Any]])?.first?["success"] as? Bool == false, "\(collection.text)")
    }
  }

  @Test(arguments: Engine.allCases) func describeAndVersions(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let versions = try await client.call(.get, "/services/data")
      #expect((versions.json as? [[String: Any]])?.last?["version"] as? String == "62.0")
      let global = try await client.call(.get, "sobjects")
      #expect(
        ((global.object["sobjects"] as? [[String: Any]]) ?? []).contains {
          $0["name"] as? String == "EngagementInteraction"
        })
      let layouts = try await client.call(.get, "sobjects/EngagementInteraction/describe/layouts")
      #expect(layouts.status == 200)
      let basic = try await client.call(.get, "sobjects/engagementinteraction")
      #expect((basic.object["objectDescribe"] as? [String: Any])?["name"] as? String == "EngagementInteraction")
    }
  }

  @Test(arguments: Engine.allCases) func accessNeedsTheTokenAndOAuthGivesIt(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      let none = try await client.call(.get, "sobjects", token: nil)
      #expect(none.status == 401)
      #expect(none.errorCodes == ["INVALID_SESSION_ID"])
      #expect(try await client.call(.get, "sobjects", token: "wrong").status == 401)
      let response = try await client.execute(
        uri: "/services/oauth2/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "grant_type=client_credentials&client_id=local&client_secret=\(ServerHarness.token)"))
      let answer = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
      #expect(answer?["access_token"] as? String == ServerHarness.token)
      #expect(answer?["instance_url"] != nil)
    }
  }

  @Test(arguments: Engine.allCases) func hostileRequestsGetCleanErrors(engine: Engine) async throws {
    try await ServerHarness.withServer(engine: engine) { client, _ in
      #expect(
        try await client.call(.post, "sobjects/EngagementInteraction", json: "{nope").errorCodes == [
          "JSON_PARSER_ERROR"
        ])
      let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
      #expect(try await client.call(.post, "sobjects/EngagementInteraction", json: deep).status == 400)
      let huge = #"{"Reason": ""# + String(repeating: "x", count: 50 * 1024 * 1024) + #""}"#
      #expect(try await client.call(.post, "sobjects/EngagementInteraction", json: huge).status == 413)
      #expect(try await client.call(.get, "sobjects/Nope/describe").errorCodes == ["NOT_FOUND"])
      for id in ["..", "0eI'%3B%20DROP%20TABLE%20x", "0eI000000000000AAA%2F..", "%27%20OR%201%3D1"] {
        let answer = try await client.call(.get, "sobjects/EngagementInteraction/\(id)")
        #expect([400, 404].contains(answer.status), "\(id): \(answer.status) \(answer.text)")
      }
      let sqlValue =
        #"{"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00Z", "Reason": "x'); DROP TABLE \"EngagementInteraction\"; --"}"#
      let created = try await client.call(.post, "sobjects/EngagementInteraction", json: sqlValue)
      #expect(created.status == 201)
      let id = try #require(created.object["id"] as? String)
      let record = try await client.call(.get, "sobjects/EngagementInteraction/\(id)?fields=Reason")
      #expect((record.object["Reason"] as? String)?.hasPrefix("x'); DROP") == true)
      let updated = try await client.call(
        .get, "sobjects/EngagementInteraction/updated/?\(ServerHarness.recentWindow)")
      #expect((updated.object["ids"] as? [String]) == [id], "nothing but the one good record is stored")
    }
  }
}
