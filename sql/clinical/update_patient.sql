-- name: update_patient :scalar
-- Changes the fields the patch names (absent keeps, null clears: email, phone and address; the
-- schema refuses null for the others). Params: customer_id, patient_id, patch (jsonb keyed by
-- column). Returns the patient as JSON text, or no row when it is not the clinician's. A taken
-- medical record number raises patients_mrn_key. Index: patients primary key.
UPDATE patients AS p
SET
    medical_record_number = CASE
        WHEN %(patch)s::jsonb ? 'medical_record_number' THEN r.medical_record_number
        ELSE p.medical_record_number
    END,
    first_name = CASE WHEN %(patch)s::jsonb ? 'first_name' THEN r.first_name ELSE p.first_name END,
    last_name = CASE WHEN %(patch)s::jsonb ? 'last_name' THEN r.last_name ELSE p.last_name END,
    date_of_birth = CASE
        WHEN %(patch)s::jsonb ? 'date_of_birth' THEN r.date_of_birth ELSE p.date_of_birth
    END,
    sex = CASE WHEN %(patch)s::jsonb ? 'sex' THEN r.sex ELSE p.sex END,
    email = CASE WHEN %(patch)s::jsonb ? 'email' THEN r.email ELSE p.email END,
    phone = CASE WHEN %(patch)s::jsonb ? 'phone' THEN r.phone ELSE p.phone END,
    address = CASE WHEN %(patch)s::jsonb ? 'address' THEN r.address ELSE p.address END
FROM jsonb_populate_record(NULL::patients, %(patch)s::jsonb) AS r
WHERE p.patient_id = %(patient_id)s AND p.customer_id = %(customer_id)s
RETURNING patient_json(p)::text;
