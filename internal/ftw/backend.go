package ftw

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
)

// response is what the test backend answers.
type response struct {
	status  int
	headers [][2]string
	body    []byte
}

// reflect is the body of a request to albedo's /reflect.
type reflect struct {
	Status      int               `json:"status"`
	Headers     map[string]string `json:"headers"`
	Body        string            `json:"body"`
	EncodedBody string            `json:"encodedBody"`
}

// backend answers r as CRS's test backend does: /reflect echoes the
// response the body describes, anything else is an empty 200. A response
// without Content-Type gets the one Go's server would sniff.
func backend(r *request) response {
	resp := response{status: http.StatusOK}
	path, _, _ := strings.Cut(r.uri, "?")
	if r.method == http.MethodPost && strings.HasSuffix(path, "/reflect") {
		var spec reflect
		if json.Unmarshal(r.body, &spec) == nil {
			if spec.Status != 0 {
				resp.status = spec.Status
			}
			for k, v := range spec.Headers {
				resp.headers = append(resp.headers, [2]string{k, v})
			}
			resp.body = []byte(spec.Body)
			if spec.EncodedBody != "" {
				if b, err := base64.StdEncoding.DecodeString(spec.EncodedBody); err == nil {
					resp.body = b
				}
			}
		}
	}
	if len(resp.body) > 0 && !hasHeader(resp.headers, "Content-Type") {
		resp.headers = append(resp.headers, [2]string{"Content-Type", http.DetectContentType(resp.body)})
	}
	return resp
}

func hasHeader(hs [][2]string, name string) bool {
	for _, h := range hs {
		if strings.EqualFold(h[0], name) {
			return true
		}
	}
	return false
}
