package ftw

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// rawRequest builds the bytes go-ftw sends for in.
func rawRequest(in *Input) ([]byte, error) {
	if in.EncodedRequest != "" {
		b, err := base64.StdEncoding.DecodeString(in.EncodedRequest)
		if err != nil {
			return nil, fmt.Errorf("encoded_request: %w", err)
		}
		return b, nil
	}
	if in.RawRequest != "" {
		return []byte(in.RawRequest), nil
	}
	method, uri, version := "GET", "/", "HTTP/1.1"
	if in.Method != nil {
		method = *in.Method
	}
	if in.URI != nil {
		uri = *in.URI
	}
	if in.Version != nil {
		version = *in.Version
	}
	headers := append(Headers(nil), in.Headers...)
	auto := in.AutocompleteHeaders == nil || *in.AutocompleteHeaders
	if in.StopMagic != nil && *in.StopMagic {
		auto = false
	}
	if auto {
		if in.Data.Text != "" && !headers.has("Content-Type") {
			headers = append(headers, [2]string{"Content-Type", "application/x-www-form-urlencoded"})
		}
		if !headers.has("Content-Length") {
			headers = append(headers, [2]string{"Content-Length", strconv.Itoa(len(in.Data.Text))})
		}
	}
	var b strings.Builder
	b.WriteString(method + " " + uri)
	if version != "" {
		b.WriteString(" " + version)
	}
	b.WriteString("\r\n")
	for _, h := range headers {
		b.WriteString(h[0] + ": " + h[1] + "\r\n")
	}
	b.WriteString("\r\n")
	b.WriteString(in.Data.Text)
	return []byte(b.String()), nil
}

func (h Headers) has(name string) bool {
	for _, kv := range h {
		if strings.EqualFold(kv[0], name) {
			return true
		}
	}
	return false
}
