package ir

import "strconv"

// HTTP2SettingCode is the app-layer code (Unit.Codes) holding the values
// an HTTP/2 transaction's SETTINGS frames give setting id, which
// http2.settings compares.
func HTTP2SettingCode(id int) string { return "http2.settings." + strconv.Itoa(id) }
