package seclang

import "testing"

func TestParseSetVar(t *testing.T) {
	cases := map[string]SetVar{
		"tx.crs_setup_version=4280":                                  {Collection: "tx", Name: "crs_setup_version", Op: '=', Value: "4280"},
		"tx.inbound_anomaly_score_pl1=+%{tx.critical_anomaly_score}": {Collection: "tx", Name: "inbound_anomaly_score_pl1", Op: '+', Value: "%{tx.critical_anomaly_score}"},
		"ip.score=-5":                            {Collection: "ip", Name: "score", Op: '-', Value: "5"},
		"TX.paramcounter_%{MATCHED_VAR_NAME}=+1": {Collection: "TX", Name: "paramcounter_%{MATCHED_VAR_NAME}", Op: '+', Value: "1"},
		"tx.922100_charset=|%{ARGS._charset_}|":  {Collection: "tx", Name: "922100_charset", Op: '=', Value: "|%{ARGS._charset_}|"},
		"tx.x=":                                  {Collection: "tx", Name: "x", Op: '='},
		"tx.flag":                                {Collection: "tx", Name: "flag"},
		"!tx.flag":                               {Remove: true, Collection: "tx", Name: "flag"},
	}
	for in, want := range cases {
		got, err := ParseSetVar(in)
		if err != nil || got != want {
			t.Errorf("ParseSetVar(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "tx", "tx.", ".x=1", "!tx.x=1", "=1"} {
		if _, err := ParseSetVar(bad); err == nil {
			t.Errorf("ParseSetVar(%q) accepted", bad)
		}
	}
}

func TestParseCtl(t *testing.T) {
	cases := map[string][2]string{
		"ruleEngine=DetectionOnly":                                {"ruleEngine", "DetectionOnly"},
		"ruleRemoveTargetByTag=xss-perf-disable;REQUEST_FILENAME": {"ruleRemoveTargetByTag", "xss-perf-disable;REQUEST_FILENAME"},
		"requestBodyProcessor=URLENCODED":                         {"requestBodyProcessor", "URLENCODED"},
		"auditLogParts=+E":                                        {"auditLogParts", "+E"},
	}
	for in, want := range cases {
		opt, val, err := ParseCtl(in)
		if err != nil || opt != want[0] || val != want[1] {
			t.Errorf("ParseCtl(%q) = %q, %q, %v; want %q", in, opt, val, err, want)
		}
	}
	for _, bad := range []string{"", "ruleEngine", "=On"} {
		if _, _, err := ParseCtl(bad); err == nil {
			t.Errorf("ParseCtl(%q) accepted", bad)
		}
	}
}
