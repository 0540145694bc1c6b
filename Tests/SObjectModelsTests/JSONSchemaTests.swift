import Foundation
import SObjectGenTestSupport
import SObjectModels
import Testing

/// The generated JSON Schemas, judged by python-jsonschema (Draft 2020-12), on hand-written samples
/// and on what the generated Swift models decode and encode.
@Suite struct JSONSchemaTests {
  func schema(_ name: String) throws -> Data {
    Data(try #require(SObjectGenResources.text(atPath: "jsonschema/\(name).json"), "no schema \(name)").utf8)
  }

  /// Asserts each sample's verdict: valid (true) or not (false).
  func judge(_ schemaName: String, _ samples: [(String, Bool)], sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let verdicts = try PythonJSONSchema.validate(schema: schema(schemaName), instances: samples.map { Data($0.0.utf8) })
    for ((sample, valid), verdict) in zip(samples, verdicts) {
      #expect(
        (verdict == nil) == valid, "\(schemaName) on \(sample): \(verdict ?? "valid")", sourceLocation: sourceLocation)
    }
  }

  @Test func everySchemaIsAValidDraft202012Schema() throws {
    let paths = SObjectGenResources.paths.filter { $0.hasPrefix("jsonschema/") }
    #expect(paths.count == 14 * 3)
    for path in paths {
      let schema = Data(try #require(SObjectGenResources.text(atPath: path)).utf8)
      // An empty instance list still runs the metaschema check on the schema.
      _ = try PythonJSONSchema.validate(schema: schema, instances: [])
      let object = try #require(JSONSerialization.jsonObject(with: schema) as? [String: Any])
      #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
      #expect((object["$id"] as? String)?.hasPrefix("urn:sobjectgen:jsonschema:") == true)
      #expect(object["title"] is String && object["additionalProperties"] as? Bool == false)
    }
  }

  @Test func engagementInteractionRecords() throws {
    try judge(
      "EngagementInteraction",
      [
        (RecordSamples.engagementInteraction, true),
        (#"{"attributes": {"type": "EngagementInteraction"}, "StartDateTime": "2024-03-01T10:05:00Z"}"#, true),
        (#"{"StartDateTime": "2024-03-01T11:05:00.5+01:00"}"#, true),
        (#"{"StartDateTime": "2024-03-01"}"#, false),
        (#"{"Id": "0eI5g00000AbCdE"}"#, true),
        (#"{"Id": "0eI5g00000AbCd"}"#, false),
        (#"{"OwnerId": null}"#, false),
        (#"{"IsAttendeeVerified": null}"#, false),
        (#"{"ContextId": null, "Reason": null}"#, true),
        (#"{"MappedState": "Archived"}"#, false),
        (#"{"Status": "In Progress", "Type": "Outbound"}"#, true),
        // Status is admin-extensible: a record read may carry a value the admin added.
        (#"{"Status": "Escalated"}"#, true),
        (#"{"Owner": {"attributes": {"type": "User"}, "Name": "Ada"}}"#, true),
        (#"{"Colour": "red"}"#, false),
        (#"{"attributes": {"type": "Interaction"}}"#, false),
      ])
  }

  @Test func engagementInteractionCreateBodies() throws {
    try judge(
      "EngagementInteraction.create",
      [
        (#"{"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:05:00.000+0000"}"#, true),
        (#"{"CommunicationChannel": "Voice Call"}"#, false),
        (#"{"CommunicationChannel": null, "StartDateTime": "2024-03-01T10:05:00Z"}"#, false),
        (#"{"CommunicationChannel": "Carrier Pigeon", "StartDateTime": "2024-03-01T10:05:00Z"}"#, false),
        (#"{"CommunicationChannel": "Web Chat", "StartDateTime": "2024-03-01T10:05:00Z", "Name": "EI-1"}"#, false),
        (
          #"{"CommunicationChannel": "Web Chat", "StartDateTime": "2024-03-01T10:05:00Z", "MappedState": "New"}"#, false
        ),
        (
          #"{"CommunicationChannel": "Web Chat", "StartDateTime": "2024-03-01T10:05:00Z", "Id": "0eI5g00000AbCdEEAV"}"#,
          false
        ),
        (
          #"{"CommunicationChannel": "Web Chat", "StartDateTime": "2024-03-01T10:05:00Z", "Reason": null, "OwnerId": "0055g00000XyZ12AAF"}"#,
          true
        ),
      ])
  }

  @Test func engagementInteractionUpdateBodies() throws {
    try judge(
      "EngagementInteraction.update",
      [
        ("{}", true),
        (#"{"Sentiment": "Negative", "Reason": null}"#, true),
        (#"{"Sentiment": "Furious"}"#, false),
        (#"{"Name": "EI-2"}"#, false),
        (#"{"CreatedDate": "2024-03-01T10:05:00Z"}"#, false),
        (#"{"OwnerId": null}"#, false),
      ])
  }

  @Test func interactionRecordsAndBodies() throws {
    try judge(
      "Interaction",
      [
        (RecordSamples.interaction, true),
        // InteractionType is not restricted: any text goes.
        (#"{"InteractionType": "Carrier Pigeon"}"#, true),
        (#"{"Name": null}"#, false),
      ])
    try judge(
      "Interaction.create",
      [
        (#"{"Name": "Review"}"#, true),
        ("{}", false),
        (#"{"Name": "Review", "Description": "\#(String(repeating: "x", count: 32001))"}"#, false),
      ])
    try judge(
      "Interaction.update", [(#"{"Name": "Renamed", "LocationId": null}"#, true), (#"{"IsDeleted": true}"#, false)])
  }

  /// What the generated models produce is what the schemas accept.
  @Test func recordsAndBodiesFromTheSwiftModelsAreValid() throws {
    let fetched = try JSONDecoder().decode(
      EngagementInteraction.self, from: Data(RecordSamples.engagementInteraction.utf8))
    let interaction = try JSONDecoder().decode(Interaction.self, from: Data(RecordSamples.interaction.utf8))
    var draft = EngagementInteraction(
      communicationChannel: .inPerson, isAttendeeVerified: true,
      startDateTime: SalesforceDateTime("2024-03-01T10:05:00Z"),
      status: .inProgress)
    draft.endDateTime = SalesforceDateTime("2024-03-01T10:50:00Z")
    var changes = EngagementInteraction()
    changes.sentiment = .neutral
    let encoder = JSONEncoder()
    try judge("EngagementInteraction", [(String(decoding: try encoder.encode(fetched), as: UTF8.self), true)])
    try judge("Interaction", [(String(decoding: try encoder.encode(interaction), as: UTF8.self), true)])
    try judge(
      "EngagementInteraction.create",
      [(String(decoding: try encoder.encode(try draft.createRequestBody()), as: UTF8.self), true)])
    try judge(
      "EngagementInteraction.update",
      [(String(decoding: try encoder.encode(try changes.updateRequestBody(clearing: [.reason])), as: UTF8.self), true)])
    try judge(
      "Interaction.create",
      [(String(decoding: try encoder.encode(try Interaction(name: "Review").createRequestBody()), as: UTF8.self), true)]
    )
  }
}
