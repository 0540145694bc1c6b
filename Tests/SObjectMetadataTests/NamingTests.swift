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

  /// `NameWords.split` reads an ASCII name's bytes; it gives the words the character by character
  /// split gives, for every name of up to four characters from capitals, small letters, digits and
  /// separators, and is not used for other names.
  @Test func asciiWordsAgreeWithTheCharacterSplit() {
    let alphabet = ["A", "B", "a", "b", "1", "_", " ", "-"]
    var names = [
      "", "URLField", "Customer_Tier__c", "SLAExpirationDate__c", "iPhone", "MyURL2Go", "a\r\nB", "Ab\u{7F}C",
    ]
    var level = [""]
    for _ in 1...4 {
      level = level.flatMap { prefix in alphabet.map { prefix + $0 } }
      names += level
    }
    for name in names {
      #expect(NameWords.asciiSplit(name) == NameWords.splitCharacters(name), "\(name.debugDescription)")
    }
    #expect(NameWords.asciiSplit("CaféAu") == nil)
    #expect(NameWords.split("CaféAu") == ["Café", "Au"])
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
