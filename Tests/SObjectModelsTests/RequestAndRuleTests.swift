import Foundation
import SObjectModels
import Testing

@Suite struct RequestBodyTests {
  func json(_ body: RequestBody) throws -> NSDictionary {
    let encoder = JSONEncoder()
    return try #require(JSONSerialization.jsonObject(with: encoder.encode(body)) as? NSDictionary)
  }

  @Test func createBodyHoldsOnlyTheFieldsSet() throws {
    let record = EngagementInteraction(
      communicationChannel: .webChat, isAttendeeVerified: false,
      startDateTime: SalesforceDateTime("2024-03-01T10:05:00Z"), status: .new)
    let body = try record.createRequestBody()
    #expect(
      try json(body) == [
        "CommunicationChannel": "Web Chat", "IsAttendeeVerified": false,
        "StartDateTime": "2024-03-01T10:05:00.000+0000", "Status": "New",
      ] as NSDictionary)
  }

  @Test func createValidationReportsEveryProblemAtOnce() throws {
    // Missing: CommunicationChannel and StartDateTime ("Required."). Not createable: Name (an
    // auto-number), MappedState, Id. Restricted picklist: Status set to a value outside its list.
    let record = EngagementInteraction(
      id: SalesforceID("0eI5g00000AbCdEEAV"), mappedState: .inProgress, name: "EI-1", status: .other("Escalated"))
    let error = try #require(throws: RequestValidationError.self) { try record.createRequestBody() }
    #expect(error.operation == .create)
    #expect(
      Set(error.issues) == [
        .fieldNotCreateable("Id"), .missingRequiredField("CommunicationChannel"), .fieldNotCreateable("MappedState"),
        .fieldNotCreateable("Name"), .missingRequiredField("StartDateTime"),
        .restrictedPicklistViolation(
          field: "Status", value: "Escalated", allowed: ["Completed", "In Progress", "New"]),
      ])
    #expect(error.issues.count == 6)
  }

  @Test func updateBodyHoldsOnlyUpdateableFieldsAndClearsOnRequest() throws {
    var changes = EngagementInteraction(id: SalesforceID("0eI5g00000AbCdEEAV"))
    changes.sentiment = .negative
    let body = try changes.updateRequestBody(clearing: [.reason])
    #expect(body.fieldNames == ["Sentiment", "Reason"])
    #expect(try json(body) == ["Sentiment": "Negative", "Reason": NSNull()] as NSDictionary)

    let fetched = try JSONDecoder().decode(
      EngagementInteraction.self, from: Data(RecordSamples.engagementInteraction.utf8))
    let error = try #require(throws: RequestValidationError.self) { try fetched.updateRequestBody() }
    #expect(error.issues.contains(.fieldNotUpdateable("CreatedDate")))
    #expect(error.issues.contains(.fieldNotUpdateable("MappedState")))
    #expect(!error.issues.contains(.fieldNotUpdateable("Id")), "the Id names the record")
    #expect(throws: RequestValidationError.self) { try changes.updateRequestBody(clearing: [.ownerId]) }
  }

  @Test func requestsForAnOlderAPIVersionRefuseNewerFields() throws {
    let record = EngagementInteraction(
      communicationChannel: .voiceCall, phoneNumber: "+1 415 555 0100",
      startDateTime: SalesforceDateTime("2024-03-01T10:05:00Z"))
    #expect(try record.createRequestBody(apiVersion: APIVersion(57)).fieldNames.contains("PhoneNumber"))
    let error = try #require(throws: RequestValidationError.self) {
      try record.createRequestBody(apiVersion: APIVersion(56))
    }
    #expect(
      error.issues == [.fieldNotInAPIVersion(field: "PhoneNumber", since: APIVersion(57), version: APIVersion(56))])
  }
}

@Suite struct APIVersionEncodingTests {
  func keys(of record: EngagementInteraction, version: Int) throws -> Set<String> {
    let encoder = JSONEncoder()
    encoder.userInfo[.salesforceAPIVersion] = APIVersion(version)
    let object = try #require(JSONSerialization.jsonObject(with: encoder.encode(record)) as? [String: Any])
    return Set(object.keys)
  }

  @Test func fieldsNewerThanTheVersionAreLeftOut() throws {
    let record = try JSONDecoder().decode(
      EngagementInteraction.self, from: Data(RecordSamples.engagementInteraction.utf8))
    let v62 = try keys(of: record, version: 62)
    #expect(v62.isSuperset(of: ["PhoneNumber", "Reason", "RecordTypeId"]))
    let v61 = try keys(of: record, version: 61)
    #expect(v62.subtracting(v61) == ["RecordTypeId"])
    let v56 = try keys(of: record, version: 56)
    #expect(v62.subtracting(v56) == ["RecordTypeId", "PhoneNumber"])
    let v55 = try keys(of: record, version: 55)
    #expect(v62.subtracting(v55) == ["RecordTypeId", "PhoneNumber", "Reason"])
    #expect(throws: EncodingError.self) { try keys(of: record, version: 54) }
  }
}

@Suite struct DerivedFieldRuleTests {
  let clock = FixedClock(Date(timeIntervalSince1970: 1_709_287_590))  // 2024-03-01T10:06:30Z

  @Test func mappedStateFollowsStatus() {
    var record = EngagementInteraction(status: .inProgress)
    record.applyDerivedFieldRules(clock: clock)
    #expect(record.mappedState == .inProgress)
    record.status = .completed
    record.applyDerivedFieldRules(clock: clock)
    #expect(record.mappedState == .completed)
    // A status the admin added maps to nothing: MappedState stays as it was.
    record.status = .other("Escalated")
    record.applyDerivedFieldRules(clock: clock)
    #expect(record.mappedState == .completed)
  }

  @Test func durationIsComputedWhenTheEndIsSet() {
    var record = EngagementInteraction(startDateTime: SalesforceDateTime("2024-03-01T10:05:00Z"))
    record.applyDerivedFieldRules(clock: clock)
    #expect(record.duration == nil)
    record.endDateTime = SalesforceDateTime("2024-03-01T10:35:59Z")
    record.applyDerivedFieldRules(clock: clock)
    #expect(record.duration == "30")
  }

  @Test func verificationTimeIsSetWhenVerifiedBecomesTrue() {
    var record = EngagementInteraction(isAttendeeVerified: true)
    record.applyDerivedFieldRules(clock: clock)
    #expect(record.attendeeVerificationTime?.description == "2024-03-01T10:06:30.000+0000")

    // A time set by hand is kept.
    var manual = EngagementInteraction(
      attendeeVerificationTime: SalesforceDateTime("2024-01-01T00:00:00Z"), isAttendeeVerified: true)
    manual.applyDerivedFieldRules(clock: clock)
    #expect(manual.attendeeVerificationTime?.description == "2024-01-01T00:00:00.000+0000")

    // Already verified before the change: the flag did not become true.
    let previous = EngagementInteraction(isAttendeeVerified: true)
    var unchanged = EngagementInteraction(isAttendeeVerified: true)
    unchanged.applyDerivedFieldRules(previous: previous, clock: clock)
    #expect(unchanged.attendeeVerificationTime == nil)

    var notVerified = EngagementInteraction(isAttendeeVerified: false)
    notVerified.applyDerivedFieldRules(clock: clock)
    #expect(notVerified.attendeeVerificationTime == nil)
  }
}

@Suite struct GeneratedResourceTests {
  @Test func theModuleCarriesEveryOtherOutput() throws {
    #expect(SObjectGenResources.paths.contains("reference/Interaction.md"))
    let page = try #require(SObjectGenResources.text(atPath: "reference/Interaction.md"))
    #expect(page.contains("# Interaction\n"))
    #expect(SObjectGenResources.text(atPath: "swift/Interaction.swift") == nil)
  }
}
