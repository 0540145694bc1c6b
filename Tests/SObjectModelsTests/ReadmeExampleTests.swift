import Foundation
import SObjectModels
import Testing

/// The README's "Swift models" example, as it stands there, so that it keeps compiling and working.
@Suite struct ReadmeExampleTests {
  @Test func theReadmeExampleWorks() throws {
    let data = Data(RecordSamples.engagementInteraction.utf8)

    // Decode a record as GET /services/data/v62.0/sobjects/EngagementInteraction/<Id> returns it.
    var interaction = try JSONDecoder().decode(EngagementInteraction.self, from: data)
    _ = interaction.communicationChannel  // .voiceCall; picklists are enums
    _ = interaction.contextId  // .serviceAppointment(SalesforceID<ServiceAppointment>) or .visit(…), by key prefix
    interaction.status = .other("Escalated")  // Status is admin-extensible: unknown values decode as .other

    // Derived fields follow the metadata's rules (MappedState from Status, Duration, verification time).
    interaction.applyDerivedFieldRules(clock: SystemClock())

    // Request bodies hold only the fields that are set, validated all at once.
    let create = try EngagementInteraction(communicationChannel: .webChat, startDateTime: SalesforceDateTime(Date()))
      .createRequestBody()  // throws RequestValidationError listing every problem
    let update = try EngagementInteraction(sentiment: .positive).updateRequestBody(clearing: [.reason])

    // Encode for an older API version: fields newer than it are left out.
    let encoder = JSONEncoder()
    encoder.userInfo[.salesforceAPIVersion] = APIVersion(56)  // no PhoneNumber, no RecordTypeId
    let json = try encoder.encode(interaction)

    // Field metadata, and every other output (describe JSON, SQL, JSON Schemas, reference pages) as resources.
    _ = EngagementInteraction.Field.phoneNumber.metadata.since  // APIVersion(57)
    _ = SObjectGenResources.text(atPath: "reference/Interaction.md")

    #expect(create.fieldNames == ["CommunicationChannel", "StartDateTime"])
    #expect(update.fieldNames == ["Sentiment", "Reason"])
    #expect(!String(decoding: json, as: UTF8.self).contains("PhoneNumber"))
    #expect(interaction.mappedState == .completed, "an admin-added status leaves MappedState as it was")
  }
}
