// A real AWS SDK for Go v2 client for the e2e suite: it resolves credentials the way Terraform's
// AWS provider, eksctl and Pulumi do (config.LoadDefaultConfig: env, shared files, profiles,
// credential_process) and prints sts:GetCallerIdentity as JSON, like `aws sts get-caller-identity`.
// The endpoint comes from AWS_ENDPOINT_URL_STS, as for the other clients of the suite.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

func main() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		fail("load config", err)
	}
	endpoint := os.Getenv("AWS_ENDPOINT_URL_STS")
	client := sts.NewFromConfig(cfg, func(o *sts.Options) {
		// This SDK release predates AWS_ENDPOINT_URL_*; newer ones read it themselves.
		if endpoint != "" {
			o.EndpointResolver = sts.EndpointResolverFromURL(endpoint)
		}
	})
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		fail("GetCallerIdentity", err)
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		fail("credentials", err)
	}
	_ = json.NewEncoder(os.Stdout).Encode(map[string]string{
		"Account":     aws.ToString(out.Account),
		"Arn":         aws.ToString(out.Arn),
		"UserId":      aws.ToString(out.UserId),
		"AccessKeyId": creds.AccessKeyID,
		"Source":      creds.Source,
	})
}

func fail(what string, err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
	os.Exit(1)
}
