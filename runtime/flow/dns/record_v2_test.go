package dns

import "testing"

func TestRecordsV2(t *testing.T) {
	var d Decoder
	q, err := d.Decode(message(t, false, "one.example", "two.example"))
	if err != nil {
		t.Fatal(err)
	}
	recs := q.RecordsV2(5, false, LogConfig{Version: 2})
	if len(recs) != 2 {
		t.Fatalf("query records %v", recs)
	}
	for i, want := range []string{"one.example", "two.example"} {
		r := recs[i]
		if r["version"] != 2 || r["type"] != "query" || r["rrname"] != want || r["rrtype"] != "A" ||
			r["tx_id"] != uint64(5) || r["id"] != uint16(0x1234) || r["queries"] != nil {
			t.Errorf("query record %d: %v", i, r)
		}
	}
	a, err := d.Decode(message(t, true, "a.example"))
	if err != nil {
		t.Fatal(err)
	}
	recs = a.RecordsV2(5, true, LogConfig{Version: 2})
	if len(recs) != 1 {
		t.Fatalf("answer records %v", recs)
	}
	r := recs[0]
	g, _ := r["grouped"].(map[string]any)
	ans, _ := r["answers"].([]any)
	if r["version"] != 2 || r["type"] != "answer" || r["rrname"] != "a.example" || r["rcode"] != "NOERROR" ||
		r["qr"] != true || r["rd"] != true || r["tx_id"] != nil || len(ans) != 1 || len(g["A"].([]any)) != 1 {
		t.Errorf("answer record %v", r)
	}
	a.Questions = nil
	if recs := a.RecordsV2(5, true, LogConfig{Version: 2}); len(recs) != 0 {
		t.Errorf("response without questions: %v", recs)
	}
}
