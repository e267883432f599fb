package verify

import "testing"

// The runner's operators: __contains on lists, objects and strings,
// __find, __startswith, __endswith and the number comparisons.
func TestCheckOperators(t *testing.T) {
	eve := []byte(`{"event_type":"alert","ftp":{"completion_code":["150","226"],"reply":["Opening BINARY mode","Transfer complete."],"dynamic_port":59914},"tls":{"sni":"example.com"}}` + "\n")
	for _, c := range []struct {
		match map[string]any
		want  int
	}{
		{map[string]any{"ftp.completion_code.__contains": "226"}, 1},
		{map[string]any{"ftp.completion_code.__contains": "22"}, 0},
		{map[string]any{"ftp.reply.__contains": "Transfer complete."}, 1},
		{map[string]any{"ftp.__contains": "reply"}, 1},
		{map[string]any{"ftp.__contains": "mode"}, 0},
		{map[string]any{"tls.sni.__contains": "ample"}, 1},
		{map[string]any{"tls.sni.__find": "ample"}, 1},
		{map[string]any{"tls.sni.__startswith": "example"}, 1},
		{map[string]any{"tls.sni.__endswith": "example"}, 0},
		{map[string]any{"ftp.dynamic_port.__gt": 59913}, 1},
		{map[string]any{"ftp.dynamic_port.__gte": 59915}, 0},
		{map[string]any{"ftp.dynamic_port.__lt": 59915}, 1},
		{map[string]any{"ftp.dynamic_port.__lte": 59913}, 0},
		{map[string]any{"ftp.missing.__contains": "x"}, 0},
		// null matches an absent path, as find_value's None
		{map[string]any{"src_ip": nil, "event_type": "alert"}, 1},
		{map[string]any{"tls.sni": nil}, 0},
	} {
		fails, err := Evaluate([]Check{{Count: c.want, Match: c.match}}, eve)
		if err != nil || len(fails) != 0 {
			t.Errorf("%v: %v %v", c.match, fails, err)
		}
	}
}

// An object compared whole equals the wanted one key for key, with
// numbers too large for %v's short form, and no key more or less.
func TestCheckWholeObject(t *testing.T) {
	eve := []byte(`{"event_type":"alert","alert":{"action":"allowed","gid":1,"signature_id":2001340,"rev":9,"severity":1,"list":[1,2000000]}}` + "\n")
	whole := map[string]any{"action": "allowed", "gid": 1, "signature_id": 2001340, "rev": 9, "severity": 1, "list": []any{1, 2000000}}
	less := map[string]any{"action": "allowed", "gid": 1, "signature_id": 2001340, "rev": 9, "severity": 1}
	for _, c := range []struct {
		match map[string]any
		want  int
	}{
		{map[string]any{"alert": whole}, 1},
		{map[string]any{"alert": less}, 0},
	} {
		fails, err := Evaluate([]Check{{Count: c.want, Match: c.match}}, eve)
		if err != nil || len(fails) != 0 {
			t.Errorf("%v: %v %v", c.match, fails, err)
		}
	}
}
