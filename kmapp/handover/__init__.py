"""Knowledge handover (serah terima pengetahuan): departures by transfer or retirement, the retirement
forecast from NIPs, the handover record each departure needs, and the agency and programme views."""
