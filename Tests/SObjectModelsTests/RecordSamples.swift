import Foundation

/// REST records as `GET /services/data/v62.0/sobjects/<Object>/<Id>` returns them: `attributes`
/// first, every field present, null where empty, datetimes in the REST form.
enum RecordSamples {
  static let engagementInteraction = """
    {
      "attributes": {"type": "EngagementInteraction", "url": "/services/data/v62.0/sobjects/EngagementInteraction/0eI5g00000AbCdEEAV"},
      "Id": "0eI5g00000AbCdEEAV",
      "IsDeleted": false,
      "CreatedById": "0055g00000XyZ12AAF",
      "CreatedDate": "2024-03-01T10:00:00.000+0000",
      "LastModifiedById": "0055g00000XyZ12AAF",
      "LastModifiedDate": "2024-03-01T10:35:12.000+0000",
      "SystemModstamp": "2024-03-01T10:35:12.000+0000",
      "AttendeeVerificationTime": "2024-03-01T10:06:30.000+0000",
      "CommunicationChannel": "Voice Call",
      "ContextId": "08p5g00000Qr7StAAJ",
      "Duration": "30",
      "EndDateTime": "2024-03-01T10:35:00.000+0000",
      "ExternalIdentifier": "IVR-2024-0001",
      "InitiatingAttendeeId": "0035g00000LmNoPAAV",
      "IsAttendeeAuthenticated": true,
      "IsAttendeeVerified": true,
      "LastReferencedDate": null,
      "LastViewedDate": "2024-03-01T10:40:00.000+0000",
      "MappedState": "Completed",
      "Name": "EI-000001",
      "OwnerId": "0055g00000XyZ12AAF",
      "PhoneNumber": "+1 415 555 0100",
      "Reason": "Question about an insurance claim",
      "RecordTypeId": null,
      "Sentiment": "Positive",
      "StartDateTime": "2024-03-01T10:05:00.000+0000",
      "Status": "Completed",
      "Type": "Inbound"
    }
    """

  static let interaction = """
    {
      "attributes": {"type": "Interaction", "url": "/services/data/v62.0/sobjects/Interaction/0iT5g00000IntR1EAJ"},
      "Id": "0iT5g00000IntR1EAJ",
      "IsDeleted": false,
      "CreatedById": "0055g00000XyZ12AAF",
      "CreatedDate": "2024-05-02T08:00:00.000+0000",
      "LastModifiedById": "0055g00000XyZ12AAF",
      "LastModifiedDate": "2024-05-02T09:15:00.000+0000",
      "SystemModstamp": "2024-05-02T09:15:00.000+0000",
      "AccountId": "0015g00000AcCt1AAF",
      "Description": "Quarterly review.\\nFollow-up agreed.",
      "EndTime": "2024-05-02T09:00:00.000+0000",
      "InteractionType": "Video Conference",
      "LastReferencedDate": null,
      "LastSyncedDateTime": null,
      "LastViewedDate": null,
      "LocationId": null,
      "Name": "Quarterly review with Acme",
      "OwnerId": "00G5g00000GrP01EAF",
      "ReferenceIdentifier": "REF-7",
      "RelatedRecordId": "0065g00000OpPtyAAF",
      "StartTime": "2024-05-02T08:30:00.000+0000"
    }
    """
}
