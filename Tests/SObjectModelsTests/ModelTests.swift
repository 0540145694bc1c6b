import Foundation
import SObjectModels
import Testing

/// The generated models, compiled as part of the package, used as an app would use them.
@Suite struct RecordCodingTests {
  func jsonObject(_ data: Data) throws -> NSDictionary {
    try #require(JSONSerialization.jsonObject(with: data) as? NSDictionary)
  }

  @Test func engagementInteractionRoundTripsUnchanged() throws {
    let json = Data(RecordSamples.engagementInteraction.utf8)
    let record = try JSONDecoder().decode(EngagementInteraction.self, from: json)
    #expect(record.id?.rawValue == "0eI5g00000AbCdEEAV")
    #expect(record.communicationChannel == .voiceCall)
    #expect(record.status == .completed && record.mappedState == .completed)
    #expect(record.type == .inbound)
    #expect(record.isAttendeeVerified == true)
    #expect(record.lastReferencedDate == nil)
    #expect(record.startDateTime?.date == Date(timeIntervalSince1970: 1_709_287_500))
    #expect(record.attributes?.type == "EngagementInteraction")
    let encoded = try JSONEncoder().encode(record)
    #expect(try jsonObject(encoded) == jsonObject(json))
  }

  @Test func interactionRoundTripsUnchanged() throws {
    let json = Data(RecordSamples.interaction.utf8)
    let record = try JSONDecoder().decode(Interaction.self, from: json)
    #expect(record.description == "Quarterly review.\nFollow-up agreed.")
    // InteractionType is not restricted: a value outside the list is kept as it came.
    #expect(record.interactionType == .other("Video Conference"))
    #expect(record.name == "Quarterly review with Acme")
    #expect(try jsonObject(try JSONEncoder().encode(record)) == jsonObject(json))
  }

  @Test func datetimesAcceptRFC3339AndEncodeTheRESTForm() throws {
    let json = #"{"StartDateTime": "2024-03-01T11:05:00+01:00", "EndDateTime": "2024-03-01T10:35:00.250Z"}"#
    let record = try JSONDecoder().decode(EngagementInteraction.self, from: Data(json.utf8))
    #expect(record.startDateTime?.description == "2024-03-01T10:05:00.000+0000")
    #expect(record.endDateTime?.description == "2024-03-01T10:35:00.250+0000")
    #expect(SalesforceDateTime("2024-02-30T10:00:00Z") == nil)
    #expect(SalesforceDateTime("2024-03-01 10:00:00") == nil, "a datetime without an offset is ambiguous")
    #expect(SalesforceDate("2024-02-29")?.description == "2024-02-29")
    #expect(SalesforceDate("2023-02-29") == nil)
    #expect(SalesforceTime("10:05:00")?.description == "10:05:00.000Z")
    // Zero-padded to each part's width, as `String(format: "%04d-%02d…")` would write them.
    #expect(SalesforceDateTime("0987-01-02T03:04:05.006Z")?.description == "0987-01-02T03:04:05.006+0000")
    #expect(SalesforceDateTime("2024-12-31T23:59:59.999-00:30")?.description == "2025-01-01T00:29:59.999+0000")
    #expect(SalesforceDate("0042-11-09")?.description == "0042-11-09")
    #expect(SalesforceTime("23:59:07.05")?.description == "23:59:07.050Z")
  }

  @Test func badValuesFailToDecodeWithTheirPath() throws {
    let badID = #"{"OwnerId": "005TOOSHORT"}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(EngagementInteraction.self, from: Data(badID.utf8)) }
    // MappedState is restricted and not extensible: an unknown value is an error.
    let badState = #"{"MappedState": "Archived"}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(EngagementInteraction.self, from: Data(badState.utf8))
    }
    let badDate = #"{"StartDateTime": "yesterday"}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(EngagementInteraction.self, from: Data(badDate.utf8))
    }
  }
}

@Suite struct TypedIDTests {
  @Test func acceptsOnly15And18CharacterIDsWithAValidChecksum() {
    #expect(SalesforceID<User>("0055g00000XyZ12") != nil)
    #expect(SalesforceID<User>("0055g00000XyZ12AAF") != nil)
    #expect(SalesforceID<User>("0055g00000XyZ12aaf") != nil, "the checksum is case-insensitive")
    #expect(SalesforceID<User>("0055g00000XyZ12AAA") == nil, "wrong checksum")
    #expect(SalesforceID<User>("0055g00000XyZ1") == nil)
    #expect(SalesforceID<User>("0055g00000XyZ1-AAF") == nil)
    #expect(AnySalesforceID("a0D30000001n7Pi")?.caseSafe == "a0D30000001n7PiEAI")
  }

  /// Decoding says which rule an ID breaks: its length, its characters, or its checksum.
  @Test func aRefusedIDSaysWhatIsWrongWithIt() throws {
    func decodingError(_ id: String) -> String {
      do {
        _ = try JSONDecoder().decode(SalesforceID<User>.self, from: Data("\"\(id)\"".utf8))
        return "decoded"
      } catch let DecodingError.dataCorrupted(context) {
        return context.debugDescription
      } catch {
        return "\(error)"
      }
    }
    #expect(
      decodingError("0055g00000XyZ12AAA")
        == "'0055g00000XyZ12AAA' has a wrong checksum: the last three characters of this 18-character ID must be 'AAF', not 'AAA'"
    )
    #expect(
      decodingError("0055g00000XyZ1")
        == "'0055g00000XyZ1' is not a 15- or 18-character Salesforce ID (it has 14 characters)")
    #expect(
      decodingError("0055g00000XyZ1-AAF")
        == "'0055g00000XyZ1-AAF' is not a Salesforce ID: an ID holds only letters and digits")
    #expect(decodingError("0055g00000XyZ12AAF") == "decoded")
  }

  @Test func polymorphicReferencesTellTheirTargetFromTheKeyPrefix() throws {
    let json = #"{"ContextId": "08p5g00000Qr7StAAJ", "InitiatingAttendeeId": "0035g00000LmNoPAAV"}"#
    let record = try JSONDecoder().decode(EngagementInteraction.self, from: Data(json.utf8))
    #expect(record.contextId == .serviceAppointment(SalesforceID("08p5g00000Qr7StAAJ")!))
    #expect(record.initiatingAttendeeId == .contact(SalesforceID("0035g00000LmNoPAAV")!))
    #expect(EngagementInteraction.ContextReference.targetObjects == ["ServiceAppointment", "Visit"])
    #expect(EngagementInteraction.InitiatingAttendeeReference.targetObjects == ["Account", "Contact", "Lead"])
    let unknown = EngagementInteraction.InitiatingAttendeeReference(resolving: AnySalesforceID("0065g00000OpPtyAAF")!)
    #expect(unknown == .unresolved(AnySalesforceID("0065g00000OpPtyAAF")!))
    #expect(unknown.id.rawValue == "0065g00000OpPtyAAF")
    let owner = Interaction.OwnerReference(resolving: AnySalesforceID("00G5g00000GrP01EAF")!)
    #expect(owner == .group(SalesforceID("00G5g00000GrP01EAF")!))
  }
}

@Suite struct PicklistTests {
  @Test func extensiblePicklistsDecodeUnknownValues() throws {
    let json = #"{"Status": "Escalated", "Sentiment": "Mixed"}"#
    let record = try JSONDecoder().decode(EngagementInteraction.self, from: Data(json.utf8))
    #expect(record.status == .other("Escalated"))
    #expect(record.sentiment == .other("Mixed"))
    #expect(record.status?.rawValue == "Escalated")
    #expect(EngagementInteraction.Status(rawValue: "In Progress") == .inProgress)
    #expect(
      EngagementInteraction.CommunicationChannel.knownValues.map(\.rawValue) == [
        "In Person", "Video Call", "Voice Call", "Web Chat",
      ])
    #expect(EngagementInteraction.MappedState.allCases.map(\.rawValue) == ["Completed", "InProgress", "New"])
    // The field `Type` gets an enum that does not clash with `.Type`.
    #expect(EngagementInteraction.TypeValue.knownValues == [.inbound, .outbound])
  }
}

@Suite struct FieldMetadataTests {
  @Test func fieldsCarryTheirMetadata() {
    let phone = EngagementInteraction.Field.phoneNumber.metadata
    #expect(phone.apiName == "PhoneNumber" && phone.type == .phone && phone.since == APIVersion(57))
    #expect(phone.isCreateable && phone.isUpdateable && phone.isNillable)
    let name = EngagementInteraction.Field.name.metadata
    #expect(name.isAutoNumber && !name.isCreateable && !name.isUpdateable && !name.isNillable)
    let channel = EngagementInteraction.Field.communicationChannel.metadata
    #expect(channel.isRequired && channel.isNillable && channel.isRestrictedPicklist && channel.isRequiredOnCreate)
    let context = EngagementInteraction.Field.contextId.metadata
    #expect(context.referenceTo == ["ServiceAppointment", "Visit"] && context.relationshipName == "Context")
    #expect(EngagementInteraction.Field.duration.metadata.isReadOnly)
    #expect(EngagementInteraction.Field.id.metadata.label == "Engagement Interaction ID")
    #expect(EngagementInteraction.Field.allCases.count == 7 + 21)
    #expect(EngagementInteraction.since == APIVersion(55) && Interaction.since == nil)
    #expect(EngagementInteraction.apiName == "EngagementInteraction" && User.keyPrefix == "005")
  }
}
