"""Clinical: a clinician's patients, digital twins, biometrics and alerts, and the access log."""
