package io.jwtgateway.gateway.clients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses where registered clients are kept, from {@code gateway.auth.clients.store}. */
@Configuration(proxyBeanMethods = false)
class ClientStoreConfiguration {

    @Bean
    ClientDocuments clientDocuments() {
        return new ClientDocuments(new InMemoryDocuments(), new InMemoryDocuments());
    }
}
