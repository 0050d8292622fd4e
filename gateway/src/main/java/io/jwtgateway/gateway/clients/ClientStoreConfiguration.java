package io.jwtgateway.gateway.clients;

import io.jwtgateway.gateway.store.DocumentStores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the registry's documents in the store {@code gateway.auth.clients.store} chooses. */
@Configuration(proxyBeanMethods = false)
class ClientStoreConfiguration {

    @Bean
    ClientDocuments clientDocuments(DocumentStores stores, ClientsProperties properties) {
        return new ClientDocuments(stores.documents(ClientDocuments.CLIENTS, properties.store()),
                stores.documents(ClientDocuments.LAST_USES, properties.store()));
    }
}
