package http2

import (
	"strconv"
	"strings"

	"github.com/rulec/rulec/runtime/flow/dns"
)

// Record is the transaction's EVE http section as Suricata 8 writes an
// HTTP/2 one: version "2", request_headers and response_headers (each
// table size update, then each decoded field), http_method, url, hostname, http_user_agent, length
// and status from those headers (the last of each), and the http2 object
// (stream_id; by direction the settings, an error_code, a priority). nil
// when there is nothing to write (a transaction of only PING or
// WINDOW_UPDATE frames).
func Record(tx *Tx) map[string]any {
	m := map[string]any{"version": "2"}
	logged := false
	for d, key := range []string{"request_headers", "response_headers"} {
		hs, any := headerList(tx.Frames[d], m)
		if any {
			m[key] = hs
			logged = true
		}
	}
	h2 := map[string]any{"stream_id": tx.Stream}
	for d, key := range []string{"request", "response"} {
		if o := frameFacts(tx.Frames[d]); o != nil {
			h2[key] = o
			logged = true
		}
	}
	m["http2"] = h2
	if !logged {
		return nil
	}
	return m
}

// headerList lists a direction's decoded fields and sets the record's
// common fields from them.
func headerList(frames []Frame, m map[string]any) ([]any, bool) {
	out := []any{}
	has := false
	for _, f := range frames {
		if !f.Headers {
			continue
		}
		has = true
		for _, n := range f.SizeUpdates {
			out = append(out, map[string]any{"table_size_update": n})
		}
		for _, h := range f.Fields {
			out = append(out, map[string]any{"name": dns.Text(h.Name), "value": dns.Text(h.Value)})
			v := dns.Text(h.Value)
			switch strings.ToLower(string(h.Name)) {
			case ":method":
				m["http_method"] = v
			case ":path":
				m["url"] = v
			case "host":
				m["hostname"] = v
			case "user-agent":
				m["http_user_agent"] = v
			case ":status":
				setUint(m, "status", v)
			case "content-length":
				setUint(m, "length", v)
			}
		}
	}
	return out, has
}

func setUint(m map[string]any, key, v string) {
	if n, err := strconv.ParseUint(v, 10, 64); err == nil {
		m[key] = n
	} else {
		delete(m, key)
	}
}

// frameFacts is a direction's settings, error_code and priority (the
// first of each; has_multiple names what came again), nil when none.
func frameFacts(frames []Frame) map[string]any {
	o := map[string]any{}
	var settings []any
	for _, f := range frames {
		for _, s := range f.Settings {
			settings = append(settings, map[string]any{"settings_id": settingNames[s.ID], "settings_value": s.Value})
		}
	}
	if settings != nil {
		o["settings"] = settings
	}
	hasErr, hasPrio, multiple := false, false, false
	for _, f := range frames {
		switch {
		case f.HasError:
			if hasErr {
				if !multiple {
					o["has_multiple"], multiple = "error_code", true
				}
				continue
			}
			hasErr = true
			name := strconv.FormatUint(uint64(f.ErrorCode), 10)
			if int(f.ErrorCode) < len(errorNames) {
				name = errorNames[f.ErrorCode]
				if f.Type == TypeGoAway {
					name = strings.ToUpper(name)
				}
			}
			o["error_code"] = name
		case f.HasPriority:
			if hasPrio {
				if !multiple {
					o["has_multiple"], multiple = "priority", true
				}
				continue
			}
			hasPrio = true
			o["priority"] = f.Weight
		}
	}
	if len(o) == 0 {
		return nil
	}
	return o
}
