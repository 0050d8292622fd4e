/**
 * The Kubernetes manifests of {@code deploy/kubernetes}, tested without a cluster: the gateway started on the
 * ConfigMap's configuration and the Deployment's environment, every property name known to the gateway, the routes
 * in step with the stacks', and what the replicas and inventory must agree on. {@code deploy/kubernetes/check.sh}
 * validates the objects themselves against the Kubernetes API schemas.
 */
package io.jwtgateway.gateway.deploy;
