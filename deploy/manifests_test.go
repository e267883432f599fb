package deploy

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// kustomization is the part of kustomize's Kustomization these manifests
// use; decoding strictly into it refuses anything else.
type kustomization struct {
	APIVersion         string   `json:"apiVersion"`
	Kind               string   `json:"kind"`
	Namespace          string   `json:"namespace"`
	Resources          []string `json:"resources"`
	ConfigMapGenerator []struct {
		Name    string   `json:"name"`
		Files   []string `json:"files"`
		Options struct {
			DisableNameSuffixHash bool `json:"disableNameSuffixHash"`
		} `json:"options"`
	} `json:"configMapGenerator"`
	Images []struct {
		Name    string `json:"name"`
		NewName string `json:"newName"`
		NewTag  string `json:"newTag"`
	} `json:"images"`
}

// manifests decodes every document of every manifest strictly into its
// Kubernetes API type.
func manifests(t *testing.T) (k kustomization, ds *appsv1.DaemonSet, objs map[string]any) {
	t.Helper()
	raw, err := os.ReadFile("kubernetes/kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalStrict(raw, &k); err != nil {
		t.Fatalf("kustomization.yaml: %v", err)
	}
	objs = map[string]any{}
	for _, res := range k.Resources {
		raw, err := os.ReadFile(filepath.Join("kubernetes", res))
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range bytes.Split(raw, []byte("\n---\n")) {
			var meta struct {
				Kind string `json:"kind"`
			}
			if err := yaml.Unmarshal(doc, &meta); err != nil {
				t.Fatalf("%s #%d: %v", res, i, err)
			}
			var obj any
			switch meta.Kind {
			case "DaemonSet":
				ds = &appsv1.DaemonSet{}
				obj = ds
			case "Namespace":
				obj = &corev1.Namespace{}
			case "ServiceAccount":
				obj = &corev1.ServiceAccount{}
			default:
				t.Fatalf("%s #%d: unexpected kind %q", res, i, meta.Kind)
			}
			if err := yaml.UnmarshalStrict(doc, obj); err != nil {
				t.Fatalf("%s #%d (%s): %v", res, i, meta.Kind, err)
			}
			objs[meta.Kind] = obj
		}
	}
	if ds == nil {
		t.Fatal("no DaemonSet")
	}
	return k, ds, objs
}

func TestManifestsDecodeStrictly(t *testing.T) {
	k, _, objs := manifests(t)
	for _, kind := range []string{"Namespace", "ServiceAccount", "DaemonSet"} {
		if objs[kind] == nil {
			t.Errorf("no %s", kind)
		}
	}
	for _, g := range k.ConfigMapGenerator {
		for _, f := range g.Files {
			if _, err := os.Stat(filepath.Join("kubernetes", f)); err != nil && !strings.HasPrefix(f, "ruleset.") {
				t.Errorf("configMapGenerator %s: %v", g.Name, err)
			}
		}
	}
	// A strict decode refuses a misspelt field.
	bad := []byte("apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      hostNetwrok: true\n")
	if err := yaml.UnmarshalStrict(bad, &appsv1.DaemonSet{}); err == nil {
		t.Error("misspelt field accepted")
	}
}

func TestDaemonSetSecurity(t *testing.T) {
	_, ds, _ := manifests(t)
	pod := ds.Spec.Template.Spec
	if !pod.HostNetwork {
		t.Error("not host networking")
	}
	if len(pod.Containers) != 1 {
		t.Fatalf("%d containers", len(pod.Containers))
	}
	c := pod.Containers[0]
	sc := c.SecurityContext
	if sc == nil || sc.Capabilities == nil {
		t.Fatal("no security context")
	}
	if sc.Privileged != nil && *sc.Privileged {
		t.Error("privileged")
	}
	if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
		t.Error("privilege escalation allowed")
	}
	if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
		t.Error("root filesystem writable")
	}
	if !slices.Equal(sc.Capabilities.Drop, []corev1.Capability{"ALL"}) {
		t.Errorf("drop %v, want ALL", sc.Capabilities.Drop)
	}
	add := slices.Clone(sc.Capabilities.Add)
	slices.Sort(add)
	want := []corev1.Capability{"BPF", "NET_ADMIN", "PERFMON", "SYS_PTRACE", "SYS_RESOURCE"}
	if !slices.Equal(add, want) {
		t.Errorf("capabilities %v, want %v", add, want)
	}
	if r := c.Resources.Requests; r.Memory().IsZero() || r.Cpu().IsZero() {
		t.Errorf("requests %v", r)
	}
	if l := c.Resources.Limits.Memory(); l.IsZero() || l.Value() > 1<<30 {
		t.Errorf("memory limit %v", l)
	}
}

func TestDaemonSetMountsProbesAndMetrics(t *testing.T) {
	_, ds, _ := manifests(t)
	pod := ds.Spec.Template.Spec
	c := pod.Containers[0]
	vols := map[string]corev1.Volume{}
	for _, v := range pod.Volumes {
		vols[v.Name] = v
	}
	mounts := map[string]corev1.VolumeMount{}
	for _, m := range c.VolumeMounts {
		if _, ok := vols[m.Name]; !ok {
			t.Errorf("mount %s of no volume", m.Name)
		}
		mounts[m.MountPath] = m
	}
	bpffs, ok := mounts["/sys/fs/bpf"]
	if !ok || vols[bpffs.Name].HostPath == nil || vols[bpffs.Name].HostPath.Path != "/sys/fs/bpf" {
		t.Error("bpffs not mounted from the host")
	}
	logs, ok := mounts["/var/log/rulec"]
	if !ok || vols[logs.Name].HostPath == nil {
		t.Error("log directory not mounted from the host")
	}
	obj, ok := mounts["/etc/rulec/object"]
	if !ok || vols[obj.Name].ConfigMap == nil || vols[obj.Name].ConfigMap.Name != "rulec-ruleset" || !obj.ReadOnly {
		t.Error("rule object not mounted read-only from the rulec-ruleset ConfigMap")
	}
	args := strings.Join(c.Args, " ")
	for _, want := range []string{"--object=/etc/rulec/object/ruleset.rco", "--verify=/etc/rulec/object/ruleset.pub", "--config=/etc/rulec/config/rulec.yaml", "--pin"} {
		if !strings.Contains(args, want) {
			t.Errorf("args %q lack %q", args, want)
		}
	}
	port := ds.Spec.Template.Annotations["prometheus.io/port"]
	var metrics int32
	for _, p := range c.Ports {
		if p.Name == "metrics" {
			metrics = p.ContainerPort
		}
	}
	if metrics == 0 || strconv.Itoa(int(metrics)) != port {
		t.Errorf("metrics port %d, annotation %q", metrics, port)
	}
	for name, p := range map[string]*corev1.Probe{"readiness": c.ReadinessProbe, "liveness": c.LivenessProbe} {
		if p == nil || p.HTTPGet == nil || p.HTTPGet.Port.String() != "metrics" {
			t.Errorf("%s probe %+v", name, p)
		}
	}
	cfg, err := os.ReadFile("kubernetes/rulec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cfg), "metrics_addr: 0.0.0.0:"+port) || !strings.Contains(args, "--metrics-allow-remote") {
		t.Errorf("metrics not served on the probed, annotated port %s", port)
	}
}

// TestDaemonSetArgsAreRulecFlags runs this tree's rulec: every flag the
// DaemonSet passes must be one `rulec run` takes.
func TestDaemonSetArgsAreRulecFlags(t *testing.T) {
	_, ds, _ := manifests(t)
	cmd := exec.Command("go", "run", "./cmd/rulec", "run", "--help")
	cmd.Dir = ".."
	out, _ := cmd.CombinedOutput()
	for _, a := range ds.Spec.Template.Spec.Containers[0].Args {
		if !strings.HasPrefix(a, "--") {
			continue
		}
		flag, _, _ := strings.Cut(a, "=")
		if !strings.Contains(string(out), flag+" ") && !strings.Contains(string(out), flag+"\n") {
			t.Errorf("rulec run takes no %s:\n%s", flag, out)
		}
	}
}
