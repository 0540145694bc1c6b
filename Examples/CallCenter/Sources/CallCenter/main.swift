import CallCenterModels
import Foundation

// A record as the REST API returns it.
let json = """
  {"attributes": {"type": "SupportCall"}, "Id": "a015g00000CaLl1AAF", "Subject": "Password reset",
   "Outcome": "Resolved", "AgentId": "0055g00000XyZ12AAF",
   "StartedAt": "2024-03-01T10:05:00.000+0000", "EndedAt": "2024-03-01T10:17:00.000+0000", "Minutes": null}
  """
var call = try JSONDecoder().decode(SupportCall.self, from: Data(json.utf8))
call.applyDerivedFieldRules()
print("\(call.subject ?? "") took \(call.minutes ?? 0) minutes; outcome \(call.outcome?.rawValue ?? "none")")

// A create request is validated before it is sent: every problem at once.
let draft = SupportCall(minutes: 3)
do {
  _ = try draft.createRequestBody()
} catch let error as RequestValidationError {
  print(error.issues.map(\.description).joined(separator: "\n"))
}

// The other outputs travel with the module.
print(SObjectGenResources.paths.joined(separator: " "))
