// compose-check loads a Compose file with compose-go (the library Docker Compose itself uses), which validates it
// against the Compose specification's JSON schema and resolves anchors, merges and interpolation. It prints a JSON
// summary that tests assert on. Usage: go run ./tools/compose-check docker-compose.yml
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/compose-spec/compose-go/v2/cli"
)

type serviceSummary struct {
	Image       string            `json:"image,omitempty"`
	Build       bool              `json:"build"`
	Healthcheck bool              `json:"healthcheck"`
	DependsOn   map[string]string `json:"dependsOn"`
	Ports       []string          `json:"ports"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: compose-check <compose file>")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions([]string{os.Args[1]}, cli.WithOsEnv, cli.WithName("linkages"))
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	out := map[string]serviceSummary{}
	for name, s := range project.Services {
		deps := map[string]string{}
		for dep, cfg := range s.DependsOn {
			deps[dep] = cfg.Condition
		}
		var ports []string
		for _, p := range s.Ports {
			ports = append(ports, fmt.Sprintf("%s:%s->%d", p.HostIP, p.Published, p.Target))
		}
		sort.Strings(ports)
		out[name] = serviceSummary{Image: s.Image, Build: s.Build != nil, Healthcheck: s.HealthCheck != nil && !s.HealthCheck.Disable, DependsOn: deps, Ports: ports}
	}
	if err := json.NewEncoder(os.Stdout).Encode(map[string]any{"name": project.Name, "services": out}); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "invalid compose file: %v\n", err)
	os.Exit(1)
}
