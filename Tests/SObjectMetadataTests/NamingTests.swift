import Testing

@testable import SObjectMetadata

@Suite struct NamingTests {
  @Test(arguments: [
    ("CommunicationChannel", "Communication Channel"),
    ("OwnerId", "Owner ID"),
    ("IsAttendeeVerified", "Attendee Verified"),
    ("StartDateTime", "Start Date Time"),
    ("ExternalIdentifier", "External Identifier"),
    ("Island", "Island"),
    ("URLField", "URL Field"),
    ("Customer_Tier__c", "Customer Tier"),
  ])
  func labelsFromAPINames(name: String, label: String) {
    #expect(FieldLabels.label(forAPIName: name) == label)
  }

  @Test func relationshipNames() {
    #expect(FieldLabels.relationshipName(forAPIName: "ContextId") == "Context")
    #expect(FieldLabels.relationshipName(forAPIName: "Broker__c") == "Broker__r")
  }

  @Test func validAPINames() {
    for name in ["Name", "A1", "Customer_Tier__c", "Product__c", "X", String(repeating: "a", count: 40)] {
      #expect(APINameRules.problem(with: name) == nil, "\(name)")
    }
  }

  @Test func apiVersions() {
    #expect(APIVersion(parsing: "55.0") == APIVersion(55))
    for text in ["55", "55.1", "055.0", ".0", "v55.0", "55.00"] {
      #expect(APIVersion(parsing: text) == nil, "\(text)")
    }
  }
}
