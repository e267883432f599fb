module github.com/rulec/rulec/bench

go 1.26.8

require (
	github.com/cloudflare/ahocorasick v0.0.0-20240916140611-054963ec9396
	github.com/rulec/rulec v0.0.0
)

require (
	github.com/alecthomas/participle/v2 v2.1.4 // indirect
	go.yaml.in/yaml/v3 v3.0.4 // indirect
)

replace github.com/rulec/rulec => ../
