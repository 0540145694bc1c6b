import SObjectMetadata
import SObjectQuery
import Testing

/// Queries Salesforce refuses, each with the error code and the place of the problem: `at` is the
/// text the position must point to (its `occurrence`-th appearance), "" for the end of the query.
struct MalformedQuery: Sendable, CustomStringConvertible {
  var soql: String
  var code: String
  var at: String
  var occurrence = 1
  var version = 62

  var description: String { soql }

  var expectedOffset: Int {
    if at.isEmpty { return soql.unicodeScalars.count }
    var rest = Substring(soql)
    var offset = 0
    for _ in 1..<occurrence {
      let range = rest.range(of: at)!
      offset += rest.unicodeScalars.distance(from: rest.startIndex, to: range.upperBound)
      rest = rest[range.upperBound...]
    }
    let range = rest.range(of: at)!
    return offset + rest.unicodeScalars.distance(from: rest.startIndex, to: range.lowerBound)
  }
}

let malformedQueries: [MalformedQuery] = [
  .init(soql: "SELEC Id FROM Account", code: "MALFORMED_QUERY", at: "SELEC"),
  .init(soql: "SELECT FROM Account", code: "MALFORMED_QUERY", at: "FROM"),
  .init(soql: "SELECT Id FROM", code: "MALFORMED_QUERY", at: ""),
  .init(soql: "SELECT Id, FROM Account", code: "MALFORMED_QUERY", at: "FROM"),
  .init(soql: "SELECT Id FRM Account", code: "MALFORMED_QUERY", at: "Account"),
  .init(soql: "SELECT Id FROM Account WHERE", code: "MALFORMED_QUERY", at: ""),
  .init(soql: "SELECT Id FROM Account WHERE Id =", code: "MALFORMED_QUERY", at: ""),
  .init(soql: "SELECT Id FROM Account WHERE Id = 'abc", code: "MALFORMED_QUERY", at: "'abc"),
  .init(soql: "SELECT Id FROM Account WHERE Id = \"x\"", code: "MALFORMED_QUERY", at: "\""),
  .init(soql: "SELECT Id FROM Account LIMIT -1", code: "MALFORMED_QUERY", at: "-1"),
  .init(soql: "SELECT Id FROM Account LIMIT abc", code: "MALFORMED_QUERY", at: "abc"),
  .init(soql: "SELECT Id FROM Account OFFSET 2001", code: "NUMBER_OUTSIDE_VALID_RANGE", at: "2001"),
  .init(
    soql: "SELECT Id FROM Account WHERE Id = null AND Id != null OR Id = null", code: "MALFORMED_QUERY", at: "OR"),
  .init(soql: "SELECT Id FROM Account WHERE (Id = null", code: "MALFORMED_QUERY", at: ""),
  .init(soql: "SELECT Id FROM Account WHERE Id = null)", code: "MALFORMED_QUERY", at: ")"),
  .init(soql: "SELECT Id FROM Account -- comment", code: "MALFORMED_QUERY", at: "--"),
  .init(soql: "SELECT Id FROM Account /* comment */", code: "MALFORMED_QUERY", at: "/*"),
  .init(soql: "SELECT Id FROM Account; DROP TABLE Account", code: "MALFORMED_QUERY", at: ";"),
  .init(soql: "SELECT Id FROM Account WHERE Id IN ()", code: "MALFORMED_QUERY", at: ")"),
  .init(soql: "SELECT Id FROM Account ORDER BY Id NULLS", code: "MALFORMED_QUERY", at: ""),
  .init(soql: "SELECT Id FROM Account WHERE Id != null FOR UPDATE", code: "MALFORMED_QUERY", at: "UPDATE"),
  .init(soql: "SELECT Id FROM Account WITH DATA CATEGORY Geography__c AT usa__c", code: "MALFORMED_QUERY", at: "DATA"),
  .init(soql: "SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS", code: "MALFORMED_QUERY", at: ""),
  .init(soql: "SELECT Id FROM Account WHERE CreatedDate = NEXT_CENTURY", code: "MALFORMED_QUERY", at: "NEXT_CENTURY"),
  .init(soql: "SELECT Id FROM Account WHERE Id = 'a\\qb'", code: "MALFORMED_QUERY", at: "\\q"),
  .init(soql: "SELECT Id FROM Foo", code: "INVALID_TYPE", at: "Foo"),
  .init(soql: "SELECT Id FROM Account__c", code: "INVALID_TYPE", at: "Account__c"),
  .init(soql: "SELECT Id FROM EngagementInteraction", code: "INVALID_TYPE", at: "EngagementInteraction", version: 54),
  .init(soql: "SELECT Nme FROM EngagementInteraction", code: "INVALID_FIELD", at: "Nme"),
  .init(soql: "SELECT PhoneNumber FROM EngagementInteraction", code: "INVALID_FIELD", at: "PhoneNumber", version: 56),
  .init(soql: "SELECT Id FROM EngagementInteraction WHERE Foo = 1", code: "INVALID_FIELD", at: "Foo"),
  .init(soql: "SELECT Id FROM EngagementInteraction ORDER BY Foo", code: "INVALID_FIELD", at: "Foo"),
  .init(soql: "SELECT Ownr.Id FROM EngagementInteraction", code: "INVALID_FIELD", at: "Ownr"),
  .init(soql: "SELECT Parent__c.Id FROM ConformanceFixture__c", code: "INVALID_FIELD", at: "Parent__c"),
  .init(soql: "SELECT Id, (SELECT Id FROM Foos) FROM Account", code: "INVALID_TYPE", at: "Foos"),
  .init(soql: "SELECT Id FROM EngagementInteraction WHERE Status = 5", code: "INVALID_FIELD", at: "5"),
  .init(soql: "SELECT Id FROM ConformanceFixture__c WHERE Quantity__c = '5'", code: "INVALID_FIELD", at: "'5'"),
  .init(soql: "SELECT Id FROM Account WHERE CreatedDate = '2024-01-01'", code: "INVALID_FIELD", at: "'2024"),
  .init(soql: "SELECT Id FROM Account WHERE CreatedDate = 2024-01-01", code: "INVALID_FIELD", at: "2024"),
  .init(
    soql: "SELECT Id FROM ConformanceFixture__c WHERE DueDate__c = 2024-02-30", code: "MALFORMED_QUERY", at: "2024"),
  .init(soql: "SELECT Id FROM ConformanceFixture__c WHERE IsActive__c = 'true'", code: "INVALID_FIELD", at: "'true'"),
  .init(
    soql: "SELECT Id FROM ConformanceFixture__c WHERE IsActive__c > true", code: "INVALID_QUERY_FILTER_OPERATOR",
    at: ">"),
  .init(soql: "SELECT Id FROM Account WHERE Id = 'abc'", code: "INVALID_QUERY_FILTER_OPERATOR", at: "'abc'"),
  .init(
    soql: "SELECT Id FROM Account WHERE Id = '001000000000001ZZZ'", code: "INVALID_QUERY_FILTER_OPERATOR", at: "'001"),
  .init(
    soql: "SELECT Id FROM EngagementInteraction WHERE Status > null", code: "INVALID_QUERY_FILTER_OPERATOR", at: ">"),
  .init(
    soql: "SELECT Id FROM ConformanceFixture__c WHERE Quantity__c LIKE '5%'", code: "INVALID_QUERY_FILTER_OPERATOR",
    at: "LIKE"),
  .init(
    soql: "SELECT Id FROM ConformanceFixture__c WHERE Name INCLUDES ('a')", code: "INVALID_QUERY_FILTER_OPERATOR",
    at: "INCLUDES"),
  .init(soql: "SELECT FIELDS(ALL) FROM Account", code: "MALFORMED_QUERY", at: "SELECT"),
  .init(soql: "SELECT FIELDS(ALL) FROM Account LIMIT 201", code: "MALFORMED_QUERY", at: "201"),
  .init(soql: "SELECT FIELDS(CUSTOM) FROM ConformanceFixture__c LIMIT 500", code: "MALFORMED_QUERY", at: "500"),
  .init(soql: "SELECT FIELDS(EVERYTHING) FROM Account", code: "MALFORMED_QUERY", at: "EVERYTHING"),
  .init(soql: "SELECT Status, COUNT(Id) FROM EngagementInteraction", code: "MALFORMED_QUERY", at: "Status"),
  .init(soql: "SELECT Name FROM EngagementInteraction GROUP BY Status", code: "MALFORMED_QUERY", at: "Name"),
  .init(soql: "SELECT COUNT(), Id FROM Account", code: "MALFORMED_QUERY", at: "COUNT"),
  .init(soql: "SELECT SUM(Name) FROM EngagementInteraction", code: "MALFORMED_QUERY", at: "Name"),
  .init(soql: "SELECT Id FROM EngagementInteraction WHERE COUNT(Id) > 1", code: "MALFORMED_QUERY", at: "COUNT"),
  .init(
    soql: "SELECT Amount__c FROM ConformanceFixture__c GROUP BY Amount__c", code: "INVALID_FIELD", at: "Amount__c",
    occurrence: 2),
  .init(
    soql: "SELECT Id FROM Account WHERE Id IN (SELECT Name FROM EngagementInteraction)", code: "MALFORMED_QUERY",
    at: "SELECT", occurrence: 2),
  .init(
    soql: "SELECT Id, (SELECT Id, (SELECT Id FROM Interactions) FROM Interactions) FROM Account",
    code: "MALFORMED_QUERY", at: "SELECT", occurrence: 3),
  .init(
    soql: "SELECT TYPEOF Owner WHEN User THEN Id END FROM EngagementInteraction", code: "MALFORMED_QUERY", at: "Owner"),
  .init(
    soql: "SELECT TYPEOF Context WHEN Account THEN Id END FROM EngagementInteraction", code: "INVALID_TYPE",
    at: "Account"),
  .init(
    soql: "SELECT Owner.CreatedBy.CreatedBy.CreatedBy.CreatedBy.CreatedBy.Id FROM EngagementInteraction",
    code: "MALFORMED_QUERY", at: "CreatedBy", occurrence: 5),
  .init(soql: "SELECT Id FROM Account WHERE Name__c = 'x'", code: "INVALID_FIELD", at: "Name__c"),
  .init(soql: "SELECT Name FROM Interaction WHERE Description = null", code: "INVALID_FIELD", at: "Description"),
  .init(soql: "SELECT Id FROM Account ORDER BY", code: "MALFORMED_QUERY", at: ""),
  .init(soql: "SELECT Id FROM Account GROUP Id", code: "MALFORMED_QUERY", at: "Id", occurrence: 2),
  .init(soql: "SELECT Id FROM Account WHERE Id NOT = null", code: "MALFORMED_QUERY", at: "="),
  .init(soql: "SELECT Id FROM Account WHERE Id = 'x' 'y'", code: "MALFORMED_QUERY", at: "'y'"),
  .init(
    soql: "SELECT Id FROM EngagementInteraction WHERE CALENDAR_YEAR(Name) = 2024", code: "MALFORMED_QUERY", at: "Name"),
  .init(
    soql: "SELECT CALENDAR_YEAR(CreatedDate) FROM EngagementInteraction", code: "MALFORMED_QUERY", at: "CALENDAR_YEAR"),
  .init(
    soql: "SELECT Id FROM EngagementInteraction WHERE CALENDAR_YEAR(CreatedDate) = '2024'", code: "INVALID_FIELD",
    at: "'2024'"),
]

struct MalformedQueryTests {
  @Test("each malformed query gets its error code and position", arguments: malformedQueries)
  func malformed(_ query: MalformedQuery) throws {
    let engine = QueryFixtures.engine
    do {
      _ = try engine.plan(
        query.soql, apiVersion: APIVersion(query.version), dialect: .sqlite, clock: QueryFixtures.clock)
      Issue.record("accepted: \(query.soql)")
    } catch let error as QueryError {
      #expect(error.errorCode == query.code, "\(error)")
      #expect(error.offset == query.expectedOffset, "\(error) expected at \(query.expectedOffset)")
      #expect(error.row == 1)
      #expect(error.column == query.expectedOffset + 1)
      #expect(error.message.contains("ERROR at Row:1:Column:\(query.expectedOffset + 1)"))
    }
  }

  @Test func thereAreAtLeastFortyMalformedQueries() {
    #expect(malformedQueries.count >= 40)
  }

  @Test func messagesAreSalesforces() throws {
    do {
      _ = try QueryFixtures.engine.plan(
        "SELECT Nme FROM EngagementInteraction", apiVersion: APIVersion(62), dialect: .sqlite)
    } catch let error as QueryError {
      #expect(
        error.message
          == "\nSELECT Nme FROM EngagementInteraction\n       ^\nERROR at Row:1:Column:8\nNo such column 'Nme' on entity 'EngagementInteraction'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
      )
    }
    do {
      _ = try QueryFixtures.engine.plan("SELECT Id\nFROM Foo", apiVersion: APIVersion(62), dialect: .sqlite)
    } catch let error as QueryError {
      #expect(error.errorCode == "INVALID_TYPE")
      #expect(error.row == 2 && error.column == 6)
      #expect(error.detail.hasPrefix("sObject type 'Foo' is not supported."))
    }
  }
}
